using System.Text;
using System.Text.Json;

namespace DataPlatform.Contracts;

/// <summary>
/// Checks a payload (its JSON text) against its type's contract. Only the payload's top level is
/// read: members the contract names are checked, the rest are skipped. A valid payload allocates
/// nothing; the processor calls this for every event of a contracted type.
/// </summary>
public static class PayloadValidator
{
    private static readonly ContractViolation[] None = [];

    /// <summary>The violations of <paramref name="payloadJson"/> (empty: none); an empty span is an absent payload.</summary>
    public static IReadOnlyList<ContractViolation> Validate(EventContract contract, ReadOnlySpan<byte> payloadJson)
    {
        ArgumentNullException.ThrowIfNull(contract);
        if (payloadJson.IsEmpty)
        {
            return [new ContractViolation("", "is missing, but the contract describes an object")];
        }

        try
        {
            return ValidateObject(contract, payloadJson);
        }
        catch (JsonException exception)
        {
            return [new ContractViolation("", $"is not valid JSON (byte {exception.BytePositionInLine + 1})")];
        }
    }

    /// <summary>The same check on a parsed payload.</summary>
    public static IReadOnlyList<ContractViolation> Validate(EventContract contract, JsonElement payload) =>
        Validate(contract, payload.ValueKind == JsonValueKind.Undefined ? [] : Encoding.UTF8.GetBytes(payload.GetRawText()));

    /// <summary>The quarantine reason: <c>contract order.created: payload.amount must be a number (got a string)</c>.</summary>
    public static string Describe(EventContract contract, IReadOnlyList<ContractViolation> violations)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(violations);
        return $"contract {contract.EventType}: {string.Join("; ", violations)}";
    }

    private static IReadOnlyList<ContractViolation> ValidateObject(EventContract contract, ReadOnlySpan<byte> payloadJson)
    {
        var reader = new Utf8JsonReader(payloadJson);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return [new ContractViolation("", $"must be an object (got {JsonTokenDescription.Describe(reader.TokenType)})")];
        }

        var properties = contract.Properties;
        Span<bool> seen = stackalloc bool[ContractLoader.MaxProperties];
        List<ContractViolation>? violations = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var index = PayloadMembers.IndexOf(properties, ref reader);
            reader.Read();
            if (index >= 0)
            {
                seen[index] = true;
                if (PropertyRules.Check(ref reader, properties[index]) is { } rule)
                {
                    (violations ??= []).Add(new ContractViolation(properties[index].Name, rule));
                }
            }

            reader.Skip();
        }

        for (var i = 0; i < properties.Count; i++)
        {
            if (properties[i].Required && !seen[i])
            {
                (violations ??= []).Add(new ContractViolation(properties[i].Name, "is required but missing"));
            }
        }

        return violations ?? (IReadOnlyList<ContractViolation>)None;
    }
}
