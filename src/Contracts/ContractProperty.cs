using System.Text;

namespace DataPlatform.Contracts;

/// <summary>
/// One top-level property of a payload as its contract describes it. <see cref="Enum"/> holds the
/// allowed values as text (strings as they read, integers in invariant digits), null when any value
/// of the type is allowed.
/// </summary>
public sealed record ContractProperty(
    string Name,
    PropertyType Type,
    PropertyFormat Format,
    bool Required,
    IReadOnlyList<string>? Enum,
    string? Description)
{
    /// <summary>The name as UTF-8, compared with payload member names without decoding them.</summary>
    internal byte[] Utf8Name { get; } = Encoding.UTF8.GetBytes(Name);

    /// <summary>A string enum's values as UTF-8, compared with the payload's bytes.</summary>
    internal byte[][] Utf8Enum { get; } = Type == PropertyType.String && Enum is not null ? Enum.Select(Encoding.UTF8.GetBytes).ToArray() : [];

    /// <summary>An integer enum's values.</summary>
    internal long[] IntegerEnum { get; } = Type == PropertyType.Integer && Enum is not null
        ? Enum.Select(v => long.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray()
        : [];

    /// <summary>How the type reads in a contract file and in messages: <c>string</c>, <c>string (date-time)</c>.</summary>
    public string Describe() => Format == PropertyFormat.None ? TypeName(Type) : $"{TypeName(Type)} ({FormatName(Format)})";

    public static string TypeName(PropertyType type) => type switch
    {
        PropertyType.String => "string",
        PropertyType.Integer => "integer",
        PropertyType.Number => "number",
        _ => "boolean",
    };

    public static string FormatName(PropertyFormat format) => format switch
    {
        PropertyFormat.DateTime => "date-time",
        PropertyFormat.Date => "date",
        PropertyFormat.Uuid => "uuid",
        PropertyFormat.Email => "email",
        _ => "none",
    };
}
