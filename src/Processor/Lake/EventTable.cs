using Parquet.Schema;

namespace DataPlatform.Processor.Lake;

/// <summary>The events table's columns, in file order (documented in docs/events.md).</summary>
public static class EventTable
{
    public static DataField<string> EventId { get; } = new("event_id", nullable: false);

    public static DataField<string> EventType { get; } = new("event_type", nullable: false);

    public static DataField<string> Source { get; } = new("source", nullable: true);

    public static DateTimeDataField OccurredAt { get; } = Timestamp("occurred_at", nullable: false);

    public static DateTimeDataField IngestedAt { get; } = Timestamp("ingested_at", nullable: false);

    public static DataField<string> Payload { get; } = new("payload", nullable: true);

    public static DataField<string> Attributes { get; } = new("attributes", nullable: true);

    public static DataField<string> SqsMessageId { get; } = new("sqs_message_id", nullable: false);

    public static DateTimeDataField SqsSentAt { get; } = Timestamp("sqs_sent_at", nullable: true);

    public static DataField<int> SqsReceiveCount { get; } = new("sqs_receive_count", nullable: false);

    public static ParquetSchema Schema { get; } = new(
        EventId, EventType, Source, OccurredAt, IngestedAt, Payload, Attributes, SqsMessageId, SqsSentAt, SqsReceiveCount);

    public static IReadOnlyList<string> DictionaryColumns { get; } = [EventType.Path.ToString(), Source.Path.ToString()];

    // Microsecond UTC timestamps: Athena/Trino and Spark read them as timestamps without casts.
    internal static DateTimeDataField Timestamp(string name, bool nullable) =>
        new(name, DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros, isNullable: nullable);
}
