using System.Text.Json;
using Amazon.SQS;
using DataPlatform.Aws;
using DataPlatform.Emulator;

namespace DataPlatform.Deploy.Tests.Emulator;

/// <summary>
/// An emulator started with EnforceIam checks every request against IAM from the first: the dummy keys
/// every other fixture uses are refused, the administrator the launcher creates can do anything, and a
/// user is held to its policy. It never runs open by accident: a launcher that cannot enforce refuses to start.
/// </summary>
public sealed class EnforcingMotoServerTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("dp-enforcing-moto-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task The_dummy_keys_are_refused_and_the_administrator_can_do_anything()
    {
        await using var moto = await StartAsync();
        var admin = Assert.IsType<MotoAdminCredentials>(moto.AdminCredentials);

        using var dummy = Sqs(moto, EmulatorCredentials.AccessKeyId, EmulatorCredentials.SecretAccessKey);
        var refused = await Assert.ThrowsAsync<AmazonSQSException>(() => dummy.ListQueuesAsync(new Amazon.SQS.Model.ListQueuesRequest()));
        Assert.Equal("InvalidClientTokenId", refused.ErrorCode);

        using var sqs = Sqs(moto, admin.AccessKeyId, admin.SecretAccessKey);
        var queueUrl = (await sqs.CreateQueueAsync("by-the-admin")).QueueUrl;
        await sqs.SendMessageAsync(queueUrl, "hello");
        using var sts = new AwsClients(AwsEndpoint.Emulator(moto.Endpoint, EmulatorCredentials.Region, admin.AccessKeyId, admin.SecretAccessKey)).CreateSts();
        var identity = await sts.GetCallerIdentityAsync(new Amazon.SecurityToken.Model.GetCallerIdentityRequest());
        Assert.Equal($"arn:aws:iam::{EmulatorCredentials.AccountId}:user/{MotoAdminCredentials.UserName}", identity.Arn);
        Assert.Equal(identity.Arn, admin.Arn);
    }

    [Fact]
    public async Task The_administrators_keys_are_readable_by_their_owner_only_and_never_printed()
    {
        await using var moto = await StartAsync();
        var path = Path.Combine(_root, "admin.json");
        var admin = moto.AdminCredentials!;

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        Assert.Equal(admin.SecretAccessKey, JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("SecretAccessKey").GetString());
        Assert.DoesNotContain(admin.SecretAccessKey, admin.ToString(), StringComparison.Ordinal);
        Assert.Contains(admin.AccessKeyId, admin.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(admin.SecretAccessKey, File.ReadAllText(Path.Combine(_root, "moto.log")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_is_denied_what_its_policy_does_not_grant()
    {
        await using var moto = await StartAsync();
        var admin = AwsCliAs.Admin(moto);
        var allowedUrl = admin.Run("sqs", "create-queue", "--queue-name", "allowed").GetProperty("QueueUrl").GetString()!;
        var otherUrl = admin.Run("sqs", "create-queue", "--queue-name", "other").GetProperty("QueueUrl").GetString()!;
        var sender = admin.CreateUser("sender", $$"""
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sqs:SendMessage",
              "Resource":"arn:aws:sqs:{{EmulatorCredentials.Region}}:{{EmulatorCredentials.AccountId}}:allowed"}]}
            """);

        Assert.True(sender.Try("sqs", "send-message", "--queue-url", allowedUrl, "--message-body", "in").Succeeded);
        AssertDenied(sender.Try("sqs", "send-message", "--queue-url", otherUrl, "--message-body", "out"));
        AssertDenied(sender.Try("sqs", "receive-message", "--queue-url", allowedUrl));
        AssertDenied(sender.Try("iam", "list-users"));
    }

    [Fact]
    public async Task A_launcher_that_cannot_enforce_refuses_to_start_instead_of_running_open()
    {
        // Another moto release on the launcher's path: without enforcement it would fall back to plain
        // moto_server; with it, the start must fail and say why.
        var fakeMoto = Path.Combine(_root, "other-moto", "moto");
        Directory.CreateDirectory(fakeMoto);
        File.WriteAllText(Path.Combine(fakeMoto, "__init__.py"), "__version__ = \"9.9.9\"\n");

        var failure = await Assert.ThrowsAsync<EmulatorNotAvailableException>(() => MotoServer.StartAsync(new MotoServerOptions
        {
            EnforceIam = true,
            AdminCredentialsPath = Path.Combine(_root, "admin.json"),
            Environment = new Dictionary<string, string> { ["PYTHONPATH"] = Path.GetDirectoryName(fakeMoto)! },
            StartTimeout = TimeSpan.FromSeconds(20),
        }));

        Assert.Contains("moto is 9.9.9", failure.Message, StringComparison.Ordinal);
        Assert.Contains("not started", failure.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_root, "admin.json")));
    }

    [Fact]
    public async Task Enforcement_without_a_place_for_the_keys_is_refused_before_anything_starts()
    {
        var failure = await Assert.ThrowsAsync<ArgumentException>(() => MotoServer.StartAsync(new MotoServerOptions { EnforceIam = true }));
        Assert.Contains("AdminCredentialsPath", failure.Message, StringComparison.Ordinal);
    }

    private static void AssertDenied((bool Succeeded, JsonElement Output, string Error) result)
    {
        Assert.False(result.Succeeded, "The request succeeded, but the caller's policy does not grant it.");
        Assert.Contains("AccessDenied", result.Error, StringComparison.Ordinal);
    }

    private Task<MotoServer> StartAsync() => MotoServer.StartAsync(new MotoServerOptions
    {
        EnforceIam = true,
        AdminCredentialsPath = Path.Combine(_root, "admin.json"),
        LogPath = Path.Combine(_root, "moto.log"),
    });

    private static AmazonSQSClient Sqs(MotoServer moto, string accessKeyId, string secretAccessKey) =>
        new AwsClients(AwsEndpoint.Emulator(moto.Endpoint, EmulatorCredentials.Region, accessKeyId, secretAccessKey), retries: 0).CreateSqs();
}
