using System.Text.Json;

namespace DataPlatform.Contracts;

/// <summary>A JSON value's kind in words, for errors a person reads ("must be a string, not a number").</summary>
public static class JsonTokenDescription
{
    public static string Describe(JsonTokenType type) => type switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.String => "a string",
        _ => type.ToString(),
    };
}
