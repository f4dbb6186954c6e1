using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS;
using Amazon.SQS.Model;
using DataPlatform.Aws;
using DataPlatform.Emulator;
using DataPlatform.LocalRunner;
using DataPlatform.Processor.Configuration;

namespace DataPlatform.Operations.Tests.Reconcile;

/// <summary>
/// One moto server for the Reconcile and Query tests, with a helper per step of the pipeline: a lake bucket
/// and a queue with its DLQ made by the SDK as the storage stack makes them, and the real processor draining
/// the queue in process (<see cref="LocalMapping"/>), so the lake holds exactly what the function would write.
/// Each test makes its own bucket and queues.
/// </summary>
public sealed class LakeMoto : IAsyncLifetime
{
    private MotoServer? _server;

    public AwsClients Clients => new(AwsEndpoint.Emulator(Server.Endpoint, EmulatorCredentials.Region, EmulatorCredentials.AccessKeyId, EmulatorCredentials.SecretAccessKey));

    public MotoServer Server => _server ?? throw new InvalidOperationException("moto has not started.");

    public IAmazonS3 S3 { get; private set; } = null!;

    public IAmazonSQS Sqs { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _server = await MotoServer.StartAsync();
        S3 = Clients.CreateS3();
        Sqs = Clients.CreateSqs();
    }

    public async Task DisposeAsync()
    {
        S3?.Dispose();
        Sqs?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    public async Task<LakeUnderTest> CreateAsync(string name)
    {
        await S3.PutBucketAsync(new PutBucketRequest { BucketName = name });
        var dlq = await Sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = name + "-dlq" });
        var dlqArn = (await Sqs.GetQueueAttributesAsync(dlq.QueueUrl, ["QueueArn"])).QueueARN;
        var queue = await Sqs.CreateQueueAsync(new CreateQueueRequest
        {
            QueueName = name,
            Attributes = new Dictionary<string, string>
            {
                ["RedrivePolicy"] = $$"""{"deadLetterTargetArn":"{{dlqArn}}","maxReceiveCount":"5"}""",
            },
        });
        return new LakeUnderTest(name, queue.QueueUrl, dlq.QueueUrl, Directory.CreateTempSubdirectory("ops-state-").FullName);
    }

    /// <summary>The local runner over the queue until it is empty, with the function's settings.</summary>
    public async Task<DrainSummary> DrainAsync(LakeUnderTest lake)
    {
        var settings = new ProcessorSettings { Bucket = lake.Bucket, Prefix = "", Region = EmulatorCredentials.Region, Endpoint = Server.Endpoint };
        using var mapping = LocalMapping.Create(settings,
            new DrainOptions { QueueUrl = lake.QueueUrl, BatchSize = 100, UntilEmpty = true, WaitTime = TimeSpan.FromSeconds(1), Timeout = TimeSpan.FromMinutes(1) },
            Clients);
        return await mapping.DrainAsync();
    }
}
