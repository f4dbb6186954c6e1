using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;

namespace DataPlatform.Contracts;

/// <summary>
/// Whether one payload value keeps its property's rules, read where the reader stands: the one
/// check behind both validation and typed extraction, so that what passes the processor is what
/// the compactor types.
/// </summary>
internal static class PropertyRules
{
    /// <summary>Null when the value keeps the rules; otherwise the broken rule in words.</summary>
    public static string? Check(ref Utf8JsonReader reader, ContractProperty property) => property.Type switch
    {
        PropertyType.String => reader.TokenType == JsonTokenType.String ? CheckString(ref reader, property) : Expected("a string", reader.TokenType),
        PropertyType.Integer => CheckInteger(ref reader, property),
        PropertyType.Number => reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var number) && double.IsFinite(number)
            ? null
            : Expected("a number", reader.TokenType),
        _ => reader.TokenType is JsonTokenType.True or JsonTokenType.False ? null : Expected("a boolean", reader.TokenType),
    };

    private static string? CheckInteger(ref Utf8JsonReader reader, ContractProperty property)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            return Expected("an integer", reader.TokenType);
        }

        if (!reader.TryGetInt64(out var value))
        {
            return "must be an integer (got a number with a fraction, an exponent, or beyond 64 bits)";
        }

        return property.IntegerEnum.Length == 0 || property.IntegerEnum.Contains(value) ? null : OneOf(property);
    }

    private static string? CheckString(ref Utf8JsonReader reader, ContractProperty property)
    {
        if (property.Format == PropertyFormat.None && property.Utf8Enum.Length == 0)
        {
            return null;
        }

        if (!reader.ValueIsEscaped)
        {
            return CheckText(reader.ValueSpan, property);
        }

        // Escaped text is rare in the values a format or an enum governs; unescape it into a rented buffer.
        var rented = ArrayPool<byte>.Shared.Rent(reader.ValueSpan.Length);
        try
        {
            return CheckText(rented.AsSpan(0, reader.CopyString(rented)), property);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static string? CheckText(ReadOnlySpan<byte> text, ContractProperty property)
    {
        if (property.Utf8Enum.Length > 0)
        {
            foreach (var allowed in property.Utf8Enum)
            {
                if (text.SequenceEqual(allowed))
                {
                    return null;
                }
            }

            return OneOf(property);
        }

        return property.Format switch
        {
            PropertyFormat.DateTime => Rfc3339.TryParse(text, out _)
                ? null
                : "must be an RFC 3339 date-time with an offset, like 2024-05-01T12:30:00Z (format date-time)",
            PropertyFormat.Date => TryDate(text, out _) ? null : "must be a date like 2024-05-01 (format date)",
            PropertyFormat.Uuid => Utf8Parser.TryParse(text, out Guid _, out var consumed, 'D') && consumed == text.Length
                ? null
                : "must be a UUID like 9f0c6a8e-0c51-4b5e-a9c7-1d2b3c4d5e6f (format uuid)",
            PropertyFormat.Email => IsEmail(text) ? null : "must be an email address like name@example.com (format email)",
            _ => null,
        };
    }

    /// <summary>A calendar date, <c>YYYY-MM-DD</c> (RFC 3339's full-date).</summary>
    public static bool TryDate(ReadOnlySpan<byte> text, out DateOnly date)
    {
        date = default;
        if (text.Length != 10 || text[4] != '-' || text[7] != '-'
            || !Utf8Parser.TryParse(text[..4], out int year, out var y) || y != 4
            || !Utf8Parser.TryParse(text[5..7], out int month, out var m) || m != 2
            || !Utf8Parser.TryParse(text[8..], out int day, out var d) || d != 2
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    /// <summary>
    /// The shape of an address, not its deliverability: one '@' between a non-empty local part and a
    /// domain with a dot inside it, no spaces or control characters.
    /// </summary>
    private static bool IsEmail(ReadOnlySpan<byte> text)
    {
        var at = text.IndexOf((byte)'@');
        if (at <= 0 || text.LastIndexOf((byte)'@') != at)
        {
            return false;
        }

        var domain = text[(at + 1)..];
        var dot = domain.IndexOf((byte)'.');
        return dot > 0 && domain[^1] != '.' && !text.ContainsAnyInRange((byte)0, (byte)' ');
    }

    private static string Expected(string what, JsonTokenType got) => $"must be {what} (got {JsonTokenDescription.Describe(got)})";

    private static string OneOf(ContractProperty property) =>
        $"must be one of {string.Join(", ", property.Enum!.Select(v => property.Type == PropertyType.String ? $"\"{v}\"" : v))} (enum)";
}
