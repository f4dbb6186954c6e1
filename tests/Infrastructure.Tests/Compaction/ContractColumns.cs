using System.Text.Json;

namespace DataPlatform.Infrastructure.Tests.Compaction;

/// <summary>
/// The Glue columns a contract's payload properties become, written here from lake-design.md's
/// mapping (not from the Terraform that generates them), so the two are checked against each other.
/// </summary>
public static class ContractColumns
{
    public static readonly (string Name, string Type)[] Envelope =
    [
        ("event_id", "string"), ("source", "string"), ("occurred_at", "timestamp"), ("ingested_at", "timestamp"),
        ("payload", "string"), ("attributes", "string"), ("sqs_message_id", "string"), ("sqs_sent_at", "timestamp"),
        ("sqs_receive_count", "int"),
    ];

    /// <summary>Every contracts/*.json of the repository, by event type.</summary>
    public static IReadOnlyDictionary<string, string> InRepository(string repositoryRoot)
    {
        var folder = Path.Combine(repositoryRoot, "contracts");
        return Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.json").ToDictionary(f => Path.GetFileNameWithoutExtension(f), File.ReadAllText)
            : new Dictionary<string, string>();
    }

    /// <summary>The envelope, then one typed column per top-level property (Terraform orders a map's keys lexically).</summary>
    public static IReadOnlyList<(string Name, string Type)> Of(string contract)
    {
        using var document = JsonDocument.Parse(contract);
        var typed = document.RootElement.GetProperty("properties").EnumerateObject()
            .Select(p => (p.Name, Type(p.Value)))
            .OrderBy(c => c.Name, StringComparer.Ordinal);
        return [.. Envelope, .. typed];
    }

    public static string TableName(string eventType) =>
        "compacted_" + new string([.. eventType.ToLowerInvariant().Select(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_' ? c : '_')]);

    private static string Type(JsonElement property)
    {
        var format = property.TryGetProperty("format", out var f) ? f.GetString() : null;
        return property.GetProperty("type").GetString() switch
        {
            "integer" => "bigint",
            "number" => "double",
            "boolean" => "boolean",
            "string" when format == "date-time" => "timestamp",
            "string" when format == "date" => "date",
            "string" => "string",
            var other => throw new InvalidOperationException($"A contract property has type {other}, which no typed column takes."),
        };
    }
}
