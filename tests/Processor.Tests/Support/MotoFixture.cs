using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS;
using Amazon.SQS.Model;
using DataPlatform.Emulator;
using DataPlatform.Aws;
using DataPlatform.Processor.Configuration;

namespace DataPlatform.Processor.Tests.Support;

/// <summary>
/// One moto server for the whole test assembly (started on a free loopback port, stopped at the
/// end), with clients on it. Each test makes its own bucket and queues, so tests don't share state.
/// </summary>
public sealed class MotoFixture : IAsyncLifetime
{
    private MotoServer? _server;

    public Uri Endpoint => Server.Endpoint;

    public MotoServer Server => _server ?? throw new InvalidOperationException("moto has not started.");

    /// <summary>Clients on this moto, made by the same factory as the function's, the runner's and the build's.</summary>
    public AwsClients Clients => new(AwsEndpoint.Emulator(Endpoint, EmulatorCredentials.Region, EmulatorCredentials.AccessKeyId, EmulatorCredentials.SecretAccessKey));

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

    public ProcessorSettings Settings(string bucket, string prefix = "") => new()
    {
        Bucket = bucket,
        Prefix = prefix,
        Region = EmulatorCredentials.Region,
        Endpoint = Endpoint,
    };

    public async Task<string> CreateBucketAsync(string name)
    {
        await S3.PutBucketAsync(new PutBucketRequest { BucketName = name });
        return name;
    }

    /// <summary>
    /// A real key in moto's KMS and a bucket that encrypts with it by default, with a bucket key, as
    /// modules/data_lake configures the lake when the environment has a key.
    /// </summary>
    public async Task<(string Bucket, string KeyArn)> CreateKmsBucketAsync(string name)
    {
        // The kit never calls KMS itself (S3 does, on the caller's behalf), so AwsClients has no
        // KMS client; only this test set-up makes one, on the same emulator and credentials.
        using var kms = new AmazonKeyManagementServiceClient(
            new BasicAWSCredentials(EmulatorCredentials.AccessKeyId, EmulatorCredentials.SecretAccessKey),
            new AmazonKeyManagementServiceConfig { ServiceURL = Endpoint.ToString(), AuthenticationRegion = EmulatorCredentials.Region });
        var key = await kms.CreateKeyAsync(new CreateKeyRequest { Description = $"lake key of {name}" });

        await CreateBucketAsync(name);
        await S3.PutBucketEncryptionAsync(new PutBucketEncryptionRequest
        {
            BucketName = name,
            ServerSideEncryptionConfiguration = new ServerSideEncryptionConfiguration
            {
                ServerSideEncryptionRules =
                [
                    new ServerSideEncryptionRule
                    {
                        ServerSideEncryptionByDefault = new ServerSideEncryptionByDefault
                        {
                            ServerSideEncryptionAlgorithm = ServerSideEncryptionMethod.AWSKMS,
                            ServerSideEncryptionKeyManagementServiceKeyId = key.KeyMetadata.Arn,
                        },
                        BucketKeyEnabled = true,
                    },
                ],
            },
        });
        return (name, key.KeyMetadata.Arn);
    }

    /// <summary>A queue with a DLQ after <paramref name="maxReceiveCount"/> receives, as the queue stack makes it.</summary>
    public async Task<(string QueueUrl, string DlqUrl)> CreateQueueAsync(string name, int maxReceiveCount = 5, int visibilityTimeoutSeconds = 30)
    {
        var dlq = await Sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = name + "-dlq" });
        var dlqArn = (await Sqs.GetQueueAttributesAsync(dlq.QueueUrl, ["QueueArn"])).QueueARN;
        var queue = await Sqs.CreateQueueAsync(new CreateQueueRequest
        {
            QueueName = name,
            Attributes = new Dictionary<string, string>
            {
                ["VisibilityTimeout"] = visibilityTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["RedrivePolicy"] = $$"""{"deadLetterTargetArn":"{{dlqArn}}","maxReceiveCount":"{{maxReceiveCount}}"}""",
            },
        });
        return (queue.QueueUrl, dlq.QueueUrl);
    }

    public async Task SendAsync(string queueUrl, IReadOnlyList<string> bodies)
    {
        foreach (var page in bodies.Select((body, i) => (body, i)).Chunk(10))
        {
            var response = await Sqs.SendMessageBatchAsync(new SendMessageBatchRequest
            {
                QueueUrl = queueUrl,
                Entries = page.Select(m => new SendMessageBatchRequestEntry("m" + m.i, m.body)).ToList(),
            });
            Assert.True(response.Failed is null or { Count: 0 }, "moto refused a test message.");
        }
    }

    public async Task<int> CountMessagesAsync(string queueUrl)
    {
        var attributes = await Sqs.GetQueueAttributesAsync(queueUrl,
            ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]);
        return attributes.ApproximateNumberOfMessages + attributes.ApproximateNumberOfMessagesNotVisible;
    }

    /// <summary>Every object under the bucket, keyed as in S3.</summary>
    public async Task<Dictionary<string, byte[]>> DownloadAllAsync(string bucket)
    {
        var objects = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var listing = await S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket });
        foreach (var item in listing.S3Objects ?? [])
        {
            using var response = await S3.GetObjectAsync(bucket, item.Key);
            using var buffer = new MemoryStream();
            await response.ResponseStream.CopyToAsync(buffer);
            objects[item.Key] = buffer.ToArray();
        }

        return objects;
    }
}
