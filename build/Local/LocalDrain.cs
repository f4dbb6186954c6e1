using DataPlatform.LocalRunner;
using DataPlatform.Processor;
using DataPlatform.Processor.Configuration;
using DataPlatform.Processor.Lake;
using DataPlatform.Processor.Telemetry;
using LogLevel = DataPlatform.Processor.Configuration.LogLevel;

namespace DataPlatform.Build.Local;

/// <summary>
/// The local runner, in this process: the emulator cannot run the container function, so the
/// build plays the event source mapping over the ingest queue with the same handler code.
/// </summary>
public static class LocalDrain
{
    public static async Task<DrainSummary> RunAsync(BuildContext context, string queueUrl, string bucket, string prefix, TimeSpan timeout)
    {
        var settings = new ProcessorSettings
        {
            Bucket = bucket,
            Prefix = prefix,
            Region = context.Aws.Region,
            Endpoint = context.Aws.Endpoint,
            LogLevel = LogLevel.Warning,
        };
        using var sqs = context.Aws.CreateSqs();
        using var s3 = context.Aws.CreateS3();
        var processor = new BatchProcessor(settings, new S3LakeStore(s3, bucket), new JsonLog(Console.Error, LogLevel.Warning));
        var options = new DrainOptions
        {
            QueueUrl = queueUrl,
            BatchSize = 100,
            UntilEmpty = true,
            WaitTime = TimeSpan.FromSeconds(1),
            FailedVisibilityTimeout = TimeSpan.Zero,
            Timeout = timeout,
        };
        return await new QueueDrainer(sqs, processor, options).DrainAsync();
    }
}
