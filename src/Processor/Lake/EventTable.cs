using ParquetSharp;
using ParquetSharp.Schema;

namespace DataPlatform.Processor.Lake;

/// <summary>The events table's columns, in file order (documented in docs/events.md).</summary>
public static class EventTable
{
    public static IReadOnlyList<string> Columns { get; } =
    [
        "event_id", "event_type", "source", "occurred_at", "ingested_at", "payload", "attributes",
        "sqs_message_id", "sqs_sent_at", "sqs_receive_count",
    ];

    /// <summary>A handful of values per file: their pages shrink to a few bits per row.</summary>
    public static IReadOnlyList<string> DictionaryColumns { get; } = ["event_type", "source"];

    /// <summary>Min/max of free-form JSON helps no query and costs a comparison per row.</summary>
    public static IReadOnlyList<string> NoStatisticsColumns { get; } = ["payload", "attributes"];

    internal static GroupNode NativeSchema()
    {
        using var text = LogicalType.String();
        using var timestamp = Timestamp();
        using var none = LogicalType.None();
        return new GroupNode("schema", Repetition.Required,
        [
            new PrimitiveNode("event_id", Repetition.Required, text, PhysicalType.ByteArray),
            new PrimitiveNode("event_type", Repetition.Required, text, PhysicalType.ByteArray),
            new PrimitiveNode("source", Repetition.Optional, text, PhysicalType.ByteArray),
            new PrimitiveNode("occurred_at", Repetition.Required, timestamp, PhysicalType.Int64),
            new PrimitiveNode("ingested_at", Repetition.Required, timestamp, PhysicalType.Int64),
            new PrimitiveNode("payload", Repetition.Optional, text, PhysicalType.ByteArray),
            new PrimitiveNode("attributes", Repetition.Optional, text, PhysicalType.ByteArray),
            new PrimitiveNode("sqs_message_id", Repetition.Required, text, PhysicalType.ByteArray),
            new PrimitiveNode("sqs_sent_at", Repetition.Optional, timestamp, PhysicalType.Int64),
            new PrimitiveNode("sqs_receive_count", Repetition.Required, none, PhysicalType.Int32),
        ]);
    }

    // Microsecond UTC timestamps: Athena/Trino and Spark read them as timestamps without casts.
    internal static LogicalType Timestamp() => LogicalType.Timestamp(isAdjustedToUtc: true, TimeUnit.Micros);
}
