using DataPlatform.Processor.Lake;
using Parquet.Schema;

namespace DataPlatform.Processor.Quarantine;

/// <summary>The quarantine table's columns: enough to see why a body was refused and to replay it.</summary>
public static class QuarantineTable
{
    public static DataField<string> SqsMessageId { get; } = new("sqs_message_id", nullable: false);

    /// <summary>The body as received (invalid UTF-8 sequences shown as U+FFFD).</summary>
    public static DataField<string> Body { get; } = new("body", nullable: false);

    /// <summary>The exact bytes, base64, only when the body was not valid UTF-8 and <see cref="Body"/> is lossy.</summary>
    public static DataField<string> BodyBase64 { get; } = new("body_base64", nullable: true);

    public static DataField<string> Error { get; } = new("error", nullable: false);

    public static DataField<int> SqsReceiveCount { get; } = new("sqs_receive_count", nullable: false);

    public static DateTimeDataField SqsSentAt { get; } = EventTable.Timestamp("sqs_sent_at", nullable: true);

    public static DateTimeDataField QuarantinedAt { get; } = EventTable.Timestamp("quarantined_at", nullable: false);

    public static ParquetSchema Schema { get; } = new(SqsMessageId, Body, BodyBase64, Error, SqsReceiveCount, SqsSentAt, QuarantinedAt);
}
