using System.Text.Json;

namespace DataPlatform.Contracts;

/// <summary>Which contract property a payload member is, compared as UTF-8 bytes.</summary>
internal static class PayloadMembers
{
    /// <summary>The index of the property named where the reader stands (a property name), or -1.</summary>
    public static int IndexOf(IReadOnlyList<ContractProperty> properties, ref Utf8JsonReader reader)
    {
        // Contracts name a few properties: a linear search over their bytes beats hashing the name.
        var escaped = reader.ValueIsEscaped;
        var name = reader.ValueSpan;
        for (var i = 0; i < properties.Count; i++)
        {
            if (escaped ? reader.ValueTextEquals(properties[i].Utf8Name) : name.SequenceEqual(properties[i].Utf8Name))
            {
                return i;
            }
        }

        return -1;
    }
}
