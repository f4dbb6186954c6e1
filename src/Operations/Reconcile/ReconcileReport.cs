namespace DataPlatform.Operations.Reconcile;

/// <summary>
/// Sent against where it went, for one window. <see cref="Missing"/> is sent − landed − quarantined;
/// the queues are read as a whole (SQS cannot list a queue's message ids without receiving them, which would
/// change their receive counts), so <see cref="Lost"/> is what the queues cannot account for: exact when both
/// are empty, a lower bound otherwise.
/// </summary>
public sealed record ReconcileReport
{
    public required ReconcileWindow Window { get; init; }

    public required SentSource Source { get; init; }

    /// <summary>Null when <see cref="Source"/> is <see cref="SentSource.Unknown"/>.</summary>
    public long? Sent { get; init; }

    public required long Landed { get; init; }

    /// <summary>
    /// Of <see cref="Landed"/>, sent messages whose own row is gone because the compaction kept another copy of the
    /// same event (ledger only).
    /// </summary>
    public long LandedAsAnotherCopy { get; init; }

    public required long Quarantined { get; init; }

    public required QueueDepth Queue { get; init; }

    public required QueueDepth DeadLetters { get; init; }

    /// <summary>Messages in the lake in the window that the ledger does not know (sent by something else).</summary>
    public long Unledgered { get; init; }

    /// <summary>Known only with the ledger.</summary>
    public IReadOnlyList<MissingMessage> MissingMessages { get; init; } = [];

    public long? Missing => Sent is null ? null : Math.Max(0, Sent.Value - Landed - Quarantined);

    public long? Lost => Missing is null ? null : Math.Max(0, Missing.Value - Queue.Total - DeadLetters.Total);

    /// <summary>Both queues are empty, so every missing message is lost rather than possibly waiting in one.</summary>
    public bool QueuesEmpty => Queue.Total == 0 && DeadLetters.Total == 0;
}
