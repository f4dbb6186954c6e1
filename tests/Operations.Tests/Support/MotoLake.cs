using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS;
using Amazon.SQS.Model;
using DataPlatform.Aws;
using DataPlatform.Emulator;
using DataPlatform.LocalRunner;
using DataPlatform.Operations.Tests.Reconcile;
using DataPlatform.Processor.Configuration;

namespace DataPlatform.Operations.Tests.Support;

/// <summary>
/// One moto server for the operations tests (Redrive, Replay, Reconcile, Query), with SDK clients on it
/// and the real processor to land data (the local runner's <see cref="LocalMapping"/>, in process).
/// Each test makes its own bucket and queues, so tests share nothing but the server. Status keeps a
/// fixture of its own: it builds one fixed scenario that all its tests read.
/// </summary>
public sealed class MotoLake : IAsyncLifetime
{
    private MotoServer? _server;

    public AwsClients Clients { get; private set; } = null!;

    public IAmazonS3 S3 { get; private set; } = null!;

    public IAmazonSQS Sqs { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _server = await MotoServer.StartAsync();
        Clients = new AwsClients(AwsEndpoint.Emulator(_server.Endpoint, EmulatorCredentials.Region, EmulatorCredentials.AccessKeyId, EmulatorCredentials.SecretAccessKey));
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

    public ProcessorSettings Settings(string bucket) => new()
    {
        Bucket = bucket,
        Region = EmulatorCredentials.Region,
        Endpoint = _server!.Endpoint,
    };

    /// <summary>A lake bucket and an ingest queue with its DLQ, named uniquely for one test.</summary>
    public async Task<(string Bucket, string QueueUrl, string DlqUrl)> CreateEnvironmentAsync(string name) =>
        await CreateBucketAndQueuesAsync(name + "-" + Guid.NewGuid().ToString("N")[..12], maxReceiveCount: 3);

    /// <summary>
    /// A bucket, a queue and its DLQ named <paramref name="name"/> as the storage stack makes them, and a
    /// state folder of their own (a build's <c>.state/&lt;env&gt;/</c>, where the send ledger lives).
    /// </summary>
    public async Task<LakeUnderTest> CreateAsync(string name)
    {
        var (bucket, queueUrl, dlqUrl) = await CreateBucketAndQueuesAsync(name, maxReceiveCount: 5);
        return new LakeUnderTest(bucket, queueUrl, dlqUrl, Directory.CreateTempSubdirectory("ops-state-").FullName);
    }

    private async Task<(string Bucket, string QueueUrl, string DlqUrl)> CreateBucketAndQueuesAsync(string bucket, int maxReceiveCount)
    {
        await S3.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
        var dlq = await Sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = bucket + "-dlq" });
        var dlqArn = (await Sqs.GetQueueAttributesAsync(dlq.QueueUrl, ["QueueArn"])).QueueARN;
        var queue = await Sqs.CreateQueueAsync(new CreateQueueRequest
        {
            QueueName = bucket,
            Attributes = new Dictionary<string, string>
            {
                ["RedrivePolicy"] = $$"""{"deadLetterTargetArn":"{{dlqArn}}","maxReceiveCount":"{{maxReceiveCount}}"}""",
            },
        });
        return (bucket, queue.QueueUrl, dlq.QueueUrl);
    }

    public async Task SendAsync(string queueUrl, IEnumerable<SendMessageBatchRequestEntry> entries)
    {
        foreach (var page in entries.Chunk(10))
        {
            var response = await Sqs.SendMessageBatchAsync(new SendMessageBatchRequest { QueueUrl = queueUrl, Entries = [.. page] });
            Assert.True(response.Failed is null or { Count: 0 }, "moto refused a test message.");
        }
    }

    /// <summary>Every message on the queue, each received once (held invisible for the rest of the test), with its attributes.</summary>
    public async Task<List<Message>> ReceiveAllAsync(string queueUrl)
    {
        var all = new List<Message>();
        while (true)
        {
            var page = await Sqs.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = queueUrl,
                MaxNumberOfMessages = 10,
                WaitTimeSeconds = 0,
                VisibilityTimeout = 600,
                MessageAttributeNames = ["All"],
            });
            if (page.Messages is not { Count: > 0 })
            {
                return all;
            }

            all.AddRange(page.Messages);
        }
    }

    public async Task<long> DepthAsync(string queueUrl)
    {
        var attributes = await Sqs.GetQueueAttributesAsync(queueUrl, ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]);
        return (long)attributes.ApproximateNumberOfMessages + attributes.ApproximateNumberOfMessagesNotVisible;
    }

    /// <summary>The real processor over the lake's queue until it is empty, with the function's default settings.</summary>
    public Task<DrainSummary> DrainAsync(LakeUnderTest lake) => DrainAsync(Settings(lake.Bucket), lake.QueueUrl);

    /// <summary>Runs the real processor over the queue until it is empty, as the event source mapping would.</summary>
    public async Task<DrainSummary> DrainAsync(ProcessorSettings settings, string queueUrl)
    {
        var options = new DrainOptions
        {
            QueueUrl = queueUrl,
            BatchSize = 100,
            UntilEmpty = true,
            WaitTime = TimeSpan.FromSeconds(1),
            Timeout = TimeSpan.FromMinutes(2),
        };
        using var mapping = LocalMapping.Create(settings, options, Clients);
        return await mapping.DrainAsync();
    }

    public async Task<List<string>> KeysAsync(string bucket, string prefix)
    {
        var listing = await S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = prefix });
        return (listing.S3Objects ?? []).Select(o => o.Key).ToList();
    }

    public async Task<byte[]> DownloadAsync(string bucket, string key)
    {
        using var response = await S3.GetObjectAsync(bucket, key);
        using var buffer = new MemoryStream();
        await response.ResponseStream.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}
