namespace DataPlatform.Compaction.Athena;

/// <summary>Where an Athena query is (QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED) and, when it stopped, Athena's reason.</summary>
public sealed record AthenaQueryState(string QueryExecutionId, string State, string? Reason)
{
    public bool IsFinished => State is "SUCCEEDED" or "FAILED" or "CANCELLED";

    public bool Succeeded => State == "SUCCEEDED";
}
