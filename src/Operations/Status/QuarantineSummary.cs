namespace DataPlatform.Operations.Status;

/// <summary>Bodies quarantined in the last 24 hours by reason, and per hour over the report's window.</summary>
public sealed record QuarantineSummary(
    long Total,
    IReadOnlyList<KeyValuePair<string, long>> ByReason,
    IReadOnlyDictionary<DateTime, long> PerHour,
    int Files);
