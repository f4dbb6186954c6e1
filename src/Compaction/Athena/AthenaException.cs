using System.Text.Json;

namespace DataPlatform.Compaction.Athena;

/// <summary>Athena refused a call: the message says which, with Athena's own error code and words.</summary>
public sealed class AthenaException(string operation, int status, string body)
    : Exception($"Athena refused {operation} (HTTP {status}, {CodeOf(body)}): {MessageOf(body)} " +
        "The hour stays uncompacted and readers keep seeing it raw; fix the cause (the role's athena:/glue:/s3: permissions, " +
        "COMPACTION_ATHENA_WORKGROUP, COMPACTION_ATHENA_OUTPUT) and the next run retries it.")
{
    private static string CodeOf(string body) => Field(body, "__type") ?? "no error code";

    private static string MessageOf(string body) => Field(body, "message") ?? Field(body, "Message") ?? body;

    private static string? Field(string body, string name)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(name, out var value)
                ? value.ToString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
