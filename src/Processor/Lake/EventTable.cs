using ParquetSharp.Schema;
using static DataPlatform.Processor.Lake.SchemaNodes;

namespace DataPlatform.Processor.Lake;

/// <summary>The events table's columns, in file order (documented in docs/events.md).</summary>
public static class EventTable
{
    /// <summary>
    /// A handful of values per file (one ingestion time per batch, receive counts of mostly 1): their
    /// pages shrink to a few bits per row, and Zstd is not handed 8 bytes a row to find that out.
    /// </summary>
    public static IReadOnlyList<string> DictionaryColumns { get; } = ["event_type", "source", "ingested_at", "sqs_receive_count"];

    /// <summary>Min/max of free-form JSON helps no query and costs a comparison per row.</summary>
    public static IReadOnlyList<string> NoStatisticsColumns { get; } = ["payload", "attributes"];

    internal static GroupNode NativeSchema() => Table(
        Text("event_id", nullable: false),
        Text("event_type", nullable: false),
        Text("source", nullable: true),
        Timestamp("occurred_at", nullable: false),
        Timestamp("ingested_at", nullable: false),
        Text("payload", nullable: true),
        Text("attributes", nullable: true),
        Text("sqs_message_id", nullable: false),
        Timestamp("sqs_sent_at", nullable: true),
        Int32("sqs_receive_count"));
}
