using System.Text.Json;
using System.Text.Json.Serialization;
using Xunit.Abstractions;

namespace DataPlatform.Reliability.Tests.Ledger;

/// <summary>A scenario's figures: where every sent message ended up, and how fast.</summary>
public sealed record LedgerReport
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public required string Scenario { get; init; }

    public int Sent { get; init; }

    /// <summary>Distinct sent ids with at least one row in the events table.</summary>
    public int Landed { get; init; }

    /// <summary>Distinct sent ids with at least one row in the quarantine table.</summary>
    public int Quarantined { get; init; }

    public int InDeadLetterQueue { get; init; }

    /// <summary>Distinct ids with more than one row (lake and quarantine together).</summary>
    public int Duplicated { get; init; }

    /// <summary>Rows beyond the first per id: what a query would over-count.</summary>
    public int DuplicateRows { get; init; }

    /// <summary>Sent ids found nowhere: must be 0.</summary>
    public int Lost { get; init; }

    /// <summary>Sent ids that ended somewhere other than where they were expected (e.g. a valid event in quarantine).</summary>
    public int Misplaced { get; init; }

    public int LakeObjects { get; init; }

    public int QuarantineObjects { get; init; }

    public double ElapsedSeconds { get; init; }

    public double EventsPerSecond { get; init; }

    [JsonIgnore]
    public IReadOnlyList<string> LostIds { get; init; } = [];

    [JsonIgnore]
    public IReadOnlyList<string> MisplacedIds { get; init; } = [];

    /// <summary>Scenario-specific figures (faults injected, overwrites measured, …).</summary>
    public Dictionary<string, object> Details { get; init; } = [];

    /// <summary>Writes the report to artifacts/reliability/&lt;scenario&gt;.json and to the test output.</summary>
    public void Publish(ITestOutputHelper output)
    {
        var text = JsonSerializer.Serialize(this, Json);
        var directory = Path.Combine(Environment.RepositoryRoot.Path, "artifacts", "reliability");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, Scenario + ".json"), text);
        output.WriteLine(text);
        if (LostIds.Count > 0)
        {
            output.WriteLine("lost: " + string.Join(", ", LostIds.Take(20)));
        }

        if (MisplacedIds.Count > 0)
        {
            output.WriteLine("misplaced: " + string.Join(", ", MisplacedIds.Take(20)));
        }
    }
}
