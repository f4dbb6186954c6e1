namespace DataPlatform.Operations.Replay;

/// <summary>
/// What a replay of a selection would do, decided before anything is sent: which records pass
/// today's contract and will be sent, which would be refused again and stay in quarantine, and
/// how many were replayed by an earlier run and are skipped.
/// </summary>
public sealed record ReplayPlan(
    ReplaySelection Selection,
    IReadOnlyList<string> Partitions,
    int Selected,
    IReadOnlyList<QuarantinedRecord> ToSend,
    IReadOnlyList<RefusedRecord> StillRefused,
    IReadOnlyList<QuarantinedRecord> AlreadyReplayed,
    IReadOnlyList<QuarantinedRecord> NotText)
{
    public long BytesToSend => ToSend.Sum(r => (long)r.Body.Length);

    /// <summary>Today's reasons for the records that would be refused again, most frequent first.</summary>
    public IEnumerable<(string Reason, int Count)> RefusalsByReason() =>
        StillRefused.GroupBy(r => r.TodaysError, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count()))
            .OrderByDescending(g => g.Item2)
            .ThenBy(g => g.Key, StringComparer.Ordinal);
}
