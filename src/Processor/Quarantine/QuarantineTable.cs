using DataPlatform.Processor.Lake;
using ParquetSharp;
using ParquetSharp.Schema;

namespace DataPlatform.Processor.Quarantine;

/// <summary>
/// The quarantine table's columns: enough to see why a body was refused and to replay it.
/// <c>body</c> is the body as received (invalid UTF-8 shown as U+FFFD); <c>body_base64</c> holds
/// the exact bytes, only when the body was not valid UTF-8 and <c>body</c> is lossy.
/// </summary>
public static class QuarantineTable
{
    public static IReadOnlyList<string> Columns { get; } =
        ["sqs_message_id", "body", "body_base64", "error", "sqs_receive_count", "sqs_sent_at", "quarantined_at"];

    internal static GroupNode NativeSchema()
    {
        using var text = LogicalType.String();
        using var timestamp = EventTable.Timestamp();
        using var none = LogicalType.None();
        return new GroupNode("schema", Repetition.Required,
        [
            new PrimitiveNode("sqs_message_id", Repetition.Required, text, PhysicalType.ByteArray),
            new PrimitiveNode("body", Repetition.Required, text, PhysicalType.ByteArray),
            new PrimitiveNode("body_base64", Repetition.Optional, text, PhysicalType.ByteArray),
            new PrimitiveNode("error", Repetition.Required, text, PhysicalType.ByteArray),
            new PrimitiveNode("sqs_receive_count", Repetition.Required, none, PhysicalType.Int32),
            new PrimitiveNode("sqs_sent_at", Repetition.Optional, timestamp, PhysicalType.Int64),
            new PrimitiveNode("quarantined_at", Repetition.Required, timestamp, PhysicalType.Int64),
        ]);
    }
}
