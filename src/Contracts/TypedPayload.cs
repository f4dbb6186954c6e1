using System.Text;
using System.Text.Json;

namespace DataPlatform.Contracts;

/// <summary>
/// A payload's values in the order of <see cref="ContractColumns.For"/>, typed: <see cref="string"/>,
/// <see cref="long"/>, <see cref="double"/>, <see cref="bool"/>, <see cref="DateTime"/> (UTC) or
/// <see cref="DateOnly"/>. Null where the property is absent, and where a value breaks the contract
/// (raw data written before the contract existed, or under an older one): the typed column is
/// empty there and the payload column still holds the value, so nothing is lost.
/// </summary>
public static class TypedPayload
{
    public static object?[] Values(EventContract contract, string? payloadJson) =>
        Values(contract, payloadJson is null ? [] : Encoding.UTF8.GetBytes(payloadJson));

    public static object?[] Values(EventContract contract, ReadOnlySpan<byte> payloadJson)
    {
        ArgumentNullException.ThrowIfNull(contract);
        var properties = contract.Properties;
        var values = new object?[properties.Count];
        if (payloadJson.IsEmpty)
        {
            return values;
        }

        try
        {
            var reader = new Utf8JsonReader(payloadJson);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return values;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var index = PayloadMembers.IndexOf(properties, ref reader);
                reader.Read();
                if (index >= 0)
                {
                    values[index] = PropertyRules.Check(ref reader, properties[index]) is null ? Read(ref reader, properties[index]) : null;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Not JSON (it never reaches the lake so, but the payload column is the authority): no typed values.
            Array.Clear(values);
        }

        return values;
    }

    /// <summary>The value where the reader stands, which has passed <see cref="PropertyRules.Check"/>.</summary>
    private static object? Read(ref Utf8JsonReader reader, ContractProperty property)
    {
        switch (ContractColumns.TypeOf(property))
        {
            case ColumnType.Int64:
                return reader.GetInt64();
            case ColumnType.Double:
                return reader.GetDouble();
            case ColumnType.Boolean:
                return reader.GetBoolean();
            case ColumnType.Timestamp:
                Rfc3339.TryParse(Encoding.UTF8.GetBytes(reader.GetString()!), out var utc);
                return utc;
            case ColumnType.Date:
                PropertyRules.TryDate(Encoding.UTF8.GetBytes(reader.GetString()!), out var date);
                return date;
            default:
                return reader.GetString();
        }
    }
}
