using System.Text;
using DataPlatform.Processor.Configuration;
using DataPlatform.Processor.Lake;
using DataPlatform.Processor.Telemetry;

namespace DataPlatform.Processor;

/// <summary>
/// Runs one small synthetic batch through the whole path into memory during the function's init
/// phase, so that the work ReadyToRun cannot do ahead (generic code over our value types, loading
/// the native Parquet writer) happens before the first real batch, not on its clock. Nothing
/// reaches S3.
/// </summary>
public static class WarmUp
{
    public static async Task RunAsync(ProcessorSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var processor = new BatchProcessor(settings, new InMemoryLakeStore { KeepContent = false }, new JsonLog(TextWriter.Null, LogLevel.None));
        var sqsEvent = Encoding.UTF8.GetBytes("""
            {"Records":[
              {"messageId":"warm-up-1","body":"{\"event_type\":\"warm_up\",\"occurred_at\":\"2024-01-01T00:00:00Z\",\"source\":\"init\",\"payload\":{\"a\":1},\"extra\":true}","attributes":{"ApproximateReceiveCount":"1","SentTimestamp":"1704067200000"}},
              {"messageId":"warm-up-2","body":"not json","attributes":{"ApproximateReceiveCount":"1","SentTimestamp":"1704067200000"}}
            ]}
            """);
        await using var response = await processor.HandleAsync(new MemoryStream(sqsEvent), cancellationToken).ConfigureAwait(false);
    }
}
