namespace DataPlatform.Contracts;

/// <summary>
/// Names a payload property cannot take: the envelope's columns, which the compacted table already
/// has, and the partition columns of its path (<c>dt</c>, <c>hour</c>, <c>event_type</c>).
/// </summary>
public static class ReservedNames
{
    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "event_id", "event_type", "source", "occurred_at", "ingested_at", "payload", "attributes",
        "sqs_message_id", "sqs_sent_at", "sqs_receive_count", "dt", "hour",
    };
}
