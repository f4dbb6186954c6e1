using DataPlatform.Emulator;

namespace DataPlatform.Deploy.Tests.Emulator;

/// <summary>
/// One enforcing server with an access log, and a user whose policy grants each service's actions on
/// <c>dp-*</c> resources only, shared by the resource ARN tests: starting a server and a CLI user costs seconds.
/// </summary>
public sealed class EnforcingMotoFixture : IAsyncLifetime
{
    public const string Region = EmulatorCredentials.Region;
    public const string Account = EmulatorCredentials.AccountId;

    private readonly string _root = Directory.CreateTempSubdirectory("dp-moto-arns-").FullName;

    public MotoServer Moto { get; private set; } = null!;

    public AwsCliAs Admin { get; private set; } = null!;

    /// <summary>Allowed every action of each service on <c>dp-*</c> resources, and nothing else.</summary>
    public AwsCliAs Scoped { get; private set; } = null!;

    public string ScopedArn => $"arn:aws:iam::{Account}:user/scoped";

    public string AccessLogPath => Path.Combine(_root, "access.jsonl");

    /// <summary>The key the scoped user may use (through its alias <c>alias/dp-data</c>), and one it may not.</summary>
    public string DataKeyId { get; private set; } = "";

    public string OtherKeyId { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Moto = await MotoServer.StartAsync(new MotoServerOptions
        {
            EnforceIam = true,
            AdminCredentialsPath = Path.Combine(_root, "admin.json"),
            AccessLogPath = AccessLogPath,
            LogPath = Path.Combine(_root, "moto.log"),
        });
        Admin = AwsCliAs.Admin(Moto);
        DataKeyId = Admin.Run("kms", "create-key").GetProperty("KeyMetadata").GetProperty("KeyId").GetString()!;
        OtherKeyId = Admin.Run("kms", "create-key").GetProperty("KeyMetadata").GetProperty("KeyId").GetString()!;
        Admin.Run("kms", "create-alias", "--alias-name", "alias/dp-data", "--target-key-id", DataKeyId);
        Scoped = Admin.CreateUser("scoped", $$"""
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Action":"logs:*","Resource":"arn:aws:logs:{{Region}}:{{Account}}:log-group:dp-*"},
              {"Effect":"Allow","Action":"sqs:*","Resource":"arn:aws:sqs:{{Region}}:{{Account}}:dp-*"},
              {"Effect":"Allow","Action":"ecr:*","Resource":"arn:aws:ecr:{{Region}}:{{Account}}:repository/dp-*"},
              {"Effect":"Allow","Action":"lambda:*","Resource":"arn:aws:lambda:{{Region}}:{{Account}}:function:dp-*"},
              {"Effect":"Allow","Action":"sns:*","Resource":"arn:aws:sns:{{Region}}:{{Account}}:dp-*"},
              {"Effect":"Allow","Action":"cloudwatch:*","Resource":"arn:aws:cloudwatch:{{Region}}:{{Account}}:alarm:dp-*"},
              {"Effect":"Allow","Action":"glue:*","Resource":"arn:aws:glue:{{Region}}:{{Account}}:database/dp_*"},
              {"Effect":"Allow","Action":"events:*","Resource":"arn:aws:events:{{Region}}:{{Account}}:rule/dp-*"},
              {"Effect":"Allow","Action":"scheduler:*","Resource":"arn:aws:scheduler:{{Region}}:{{Account}}:schedule/default/dp-*"},
              {"Effect":"Allow","Action":"iam:CreateRole","Resource":"arn:aws:iam::{{Account}}:role/dp-*"},
              {"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::dp-*"},
              {"Effect":"Allow","Action":"kms:*","Resource":"arn:aws:kms:{{Region}}:{{Account}}:key/{{DataKeyId}}"}
            ]}
            """);
    }

    public async Task DisposeAsync()
    {
        await Moto.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }
}
