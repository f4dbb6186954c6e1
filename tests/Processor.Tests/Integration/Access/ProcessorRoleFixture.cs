using System.Text.Json;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SecurityToken.Model;
using Amazon.SQS;
using Amazon.SQS.Model;
using DataPlatform.Aws;
using DataPlatform.Emulator;

namespace DataPlatform.Processor.Tests.Integration.Access;

/// <summary>
/// An emulator that enforces IAM, the processor's resources made by its administrator through the SDK
/// (a KMS-encrypted lake bucket and ingest queue with its DLQ, the function's log group, another bucket
/// and key to probe with), and the role of <c>modules/processor_iam</c> applied by terraform, trusting the
/// administrator so the test can assume it as Lambda would.
/// </summary>
public sealed class ProcessorRoleFixture : IAsyncLifetime
{
    public const string FunctionName = "dp-access-processor";
    public const string LakeBucket = "dp-access-lake";
    public const string OtherBucket = "dp-access-other";
    public const string LogGroup = "/aws/lambda/" + FunctionName;

    private readonly string _root = Directory.CreateTempSubdirectory("dp-processor-role-").FullName;

    public MotoServer Moto { get; private set; } = null!;

    public AwsClients Admin { get; private set; } = null!;

    public AwsCliAs AdminCli { get; private set; } = null!;

    public IAmazonS3 AdminS3 { get; private set; } = null!;

    public IAmazonSQS AdminSqs { get; private set; } = null!;

    public string AccessLogPath => Path.Combine(_root, "access.jsonl");

    public string KeyArn { get; private set; } = "";

    public string OtherKeyArn { get; private set; } = "";

    public string QueueUrl { get; private set; } = "";

    public string DlqUrl { get; private set; } = "";

    public string RoleArn { get; private set; } = "";

    public string RoleName { get; private set; } = "";

    /// <summary>The inline policy exactly as the module renders it.</summary>
    public string PolicyJson { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Moto = await MotoServer.StartAsync(new MotoServerOptions
        {
            EnforceIam = true,
            AdminCredentialsPath = Path.Combine(_root, "admin.json"),
            AccessLogPath = AccessLogPath,
            LogPath = Path.Combine(_root, "moto.log"),
        });
        var admin = Moto.AdminCredentials!;
        Admin = new AwsClients(AwsEndpoint.Emulator(Moto.Endpoint, EmulatorCredentials.Region, admin.AccessKeyId, admin.SecretAccessKey));
        AdminCli = new AwsCliAs(Moto.Endpoint, admin.AccessKeyId, admin.SecretAccessKey);
        AdminS3 = Admin.CreateS3();
        AdminSqs = Admin.CreateSqs();

        using (var kms = Kms(Admin.Endpoint.Credentials!))
        {
            KeyArn = (await kms.CreateKeyAsync(new CreateKeyRequest { Description = "the lake's key" })).KeyMetadata.Arn;
            OtherKeyArn = (await kms.CreateKeyAsync(new CreateKeyRequest { Description = "someone else's key" })).KeyMetadata.Arn;
        }

        foreach (var bucket in new[] { LakeBucket, OtherBucket })
        {
            await AdminS3.PutBucketAsync(bucket);
        }

        // As modules/data_lake configures the lake when the environment has a key.
        await AdminS3.PutBucketEncryptionAsync(new PutBucketEncryptionRequest
        {
            BucketName = LakeBucket,
            ServerSideEncryptionConfiguration = new ServerSideEncryptionConfiguration
            {
                ServerSideEncryptionRules =
                [
                    new ServerSideEncryptionRule
                    {
                        ServerSideEncryptionByDefault = new ServerSideEncryptionByDefault
                        {
                            ServerSideEncryptionAlgorithm = ServerSideEncryptionMethod.AWSKMS,
                            ServerSideEncryptionKeyManagementServiceKeyId = KeyArn,
                        },
                        BucketKeyEnabled = true,
                    },
                ],
            },
        });

        DlqUrl = (await AdminSqs.CreateQueueAsync(new CreateQueueRequest("dp-access-ingest-dlq") { Attributes = new() { ["KmsMasterKeyId"] = KeyArn } })).QueueUrl;
        var dlqArn = (await AdminSqs.GetQueueAttributesAsync(DlqUrl, ["QueueArn"])).QueueARN;
        QueueUrl = (await AdminSqs.CreateQueueAsync(new CreateQueueRequest("dp-access-ingest")
        {
            Attributes = new()
            {
                ["KmsMasterKeyId"] = KeyArn,
                ["RedrivePolicy"] = $$"""{"deadLetterTargetArn":"{{dlqArn}}","maxReceiveCount":"5"}""",
            },
        })).QueueUrl;
        var queueArn = (await AdminSqs.GetQueueAttributesAsync(QueueUrl, ["QueueArn"])).QueueARN;

        AdminCli.Run("logs", "create-log-group", "--log-group-name", LogGroup);
        (RoleArn, RoleName, PolicyJson) = ProcessorRoleRoot.Apply(Path.Combine(_root, "terraform"), Moto,
            new ProcessorRoleRoot.Inputs(FunctionName, queueArn, $"arn:aws:s3:::{LakeBucket}", KeyArn, admin.Arn));
    }

    /// <summary>Credentials of the role, from a fresh sts:AssumeRole by the administrator, as Lambda gets them.</summary>
    public async Task<ProcessorSession> AssumeRoleAsync()
    {
        using var sts = Admin.CreateSts();
        var assumed = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = RoleArn, RoleSessionName = FunctionName });
        var credentials = assumed.Credentials;
        return new ProcessorSession(this, new SessionAWSCredentials(credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken));
    }

    /// <summary>Replaces the role's inline policy (the name the module gives it), as its administrator.</summary>
    public void PutRolePolicy(string policyJson) =>
        AdminCli.Run("iam", "put-role-policy", "--role-name", RoleName, "--policy-name", "processor", "--policy-document", policyJson);

    /// <summary>Empties both queues, then sends <paramref name="bodies"/> to the ingest queue as the administrator.</summary>
    public async Task RefillAsync(IReadOnlyList<string> bodies)
    {
        await AdminSqs.PurgeQueueAsync(QueueUrl);
        await AdminSqs.PurgeQueueAsync(DlqUrl);
        foreach (var page in bodies.Select((body, i) => new SendMessageBatchRequestEntry($"m{i}", body)).Chunk(10))
        {
            await AdminSqs.SendMessageBatchAsync(QueueUrl, [.. page]);
        }
    }

    public async Task<List<string>> LakeKeysAsync(string prefix) =>
        [.. ((await AdminS3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = LakeBucket, Prefix = prefix })).S3Objects ?? []).Select(o => o.Key)];

    /// <summary>The policy checks recorded so far (<see cref="MotoServerOptions.AccessLogPath"/>).</summary>
    public List<(string Principal, string Action, string Resource, bool Allowed)> AccessChecks() =>
        [.. File.ReadAllLines(AccessLogPath).Select(line =>
        {
            var check = JsonDocument.Parse(line).RootElement;
            return (check.GetProperty("principal").GetString()!, check.GetProperty("action").GetString()!,
                check.GetProperty("resource").GetString()!, check.GetProperty("allowed").GetBoolean());
        })];

    public AmazonKeyManagementServiceClient Kms(AWSCredentials credentials) =>
        new(credentials, new AmazonKeyManagementServiceConfig { ServiceURL = Moto.Endpoint.ToString(), AuthenticationRegion = EmulatorCredentials.Region, MaxErrorRetry = 0 });

    public async Task DisposeAsync()
    {
        AdminS3?.Dispose();
        AdminSqs?.Dispose();
        if (Moto is not null)
        {
            await Moto.DisposeAsync();
        }

        Directory.Delete(_root, recursive: true);
    }
}
