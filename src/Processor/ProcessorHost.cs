using Amazon.S3;
using DataPlatform.Aws;
using DataPlatform.Processor.Configuration;
using DataPlatform.Processor.Lake;
using DataPlatform.Processor.Telemetry;

namespace DataPlatform.Processor;

/// <summary>
/// The processor as it runs anywhere: settings and AWS clients in, a <see cref="BatchProcessor"/>
/// writing to the S3 lake out. The Lambda entry point, the local runner and the build's drain all
/// build it here, so a local drain runs exactly the wiring the deployed function runs.
/// </summary>
public sealed class ProcessorHost : IDisposable
{
    private readonly AmazonS3Client _s3;

    private ProcessorHost(ProcessorSettings settings, AmazonS3Client s3, BatchProcessor processor)
    {
        Settings = settings;
        _s3 = s3;
        Processor = processor;
    }

    public ProcessorSettings Settings { get; }

    public BatchProcessor Processor { get; }

    public IAmazonS3 S3 => _s3;

    /// <summary>
    /// The endpoint the settings name (region, AWS_ENDPOINT_URL). With <paramref name="credentials"/>
    /// null the SDK's default chain signs (the function's role in Lambda); callers that drive an
    /// emulator in process pass its dummy keys.
    /// </summary>
    public static AwsEndpoint EndpointFor(ProcessorSettings settings, Amazon.Runtime.AWSCredentials? credentials = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new AwsEndpoint { Region = settings.Region, ServiceUrl = settings.Endpoint, Credentials = credentials };
    }

    public static ProcessorHost Create(ProcessorSettings settings, AwsClients clients, JsonLog log, EmbeddedMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(log);
        // One attempt gets a share of the invocation's budget, so a hung connection is retried on a fresh one in time.
        var s3 = clients.CreateS3(InvocationBudget.AttemptTimeoutFor(settings.FunctionTimeout, AwsClients.RequestTimeout));
        var processor = new BatchProcessor(settings, new S3LakeStore(s3, settings.Bucket, settings.KmsKeyArn), log, metrics);
        return new ProcessorHost(settings, s3, processor);
    }

    public void Dispose() => _s3.Dispose();
}
