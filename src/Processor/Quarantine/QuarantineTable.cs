using ParquetSharp.Schema;
using static DataPlatform.Processor.Lake.SchemaNodes;

namespace DataPlatform.Processor.Quarantine;

/// <summary>
/// The quarantine table's columns: enough to see why a body was refused and to replay it.
/// <c>body</c> is the body as received (invalid UTF-8 shown as U+FFFD); <c>body_base64</c> holds
/// the exact bytes, only when the body was not valid UTF-8 and <c>body</c> is lossy.
/// </summary>
public static class QuarantineTable
{
    internal static GroupNode NativeSchema() => Table(
        Text("sqs_message_id", nullable: false),
        Text("body", nullable: false),
        Text("body_base64", nullable: true),
        Text("error", nullable: false),
        Int32("sqs_receive_count"),
        Timestamp("sqs_sent_at", nullable: true),
        Timestamp("quarantined_at", nullable: false));
}
