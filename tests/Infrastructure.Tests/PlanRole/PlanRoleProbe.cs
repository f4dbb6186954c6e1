using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3.Model;
using Amazon.SecurityToken.Model;
using DataPlatform.Aws;
using DataPlatform.Emulator;
using DataPlatform.Infrastructure.Tests.Terraform;

namespace DataPlatform.Infrastructure.Tests.PlanRole;

/// <summary>
/// The CI's plan role, run rather than read: on an emulator that enforces IAM, the administrator applies both CI
/// roles with the deploy_policy module's documents and a one-queue stand-in stack whose state is in the environment's
/// state bucket; then, as the plan role, terraform init and plan (with -lock=false, as the pull-request job runs),
/// a plan that takes the lock, and an apply of a change; as the deploy role, the same apply. Everything is recorded
/// once for the assembly; the tests only assert.
/// </summary>
public sealed class PlanRoleProbe : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("dp-plan-role-").FullName;
    private MotoServer? _moto;
    private AwsClients? _admin;

    public string AccessLogPath => Path.Combine(_root, "access.jsonl");

    public string PlanRoleArn { get; private set; } = "";

    public string DeployRoleArn { get; private set; } = "";

    public Exception? SetupFailure { get; private set; }

    /// <summary>As the plan role: init against the state bucket, then plan -lock=false -detailed-exitcode.</summary>
    public TerraformResult? PlanInit { get; private set; }

    public TerraformResult? PlanWithoutLock { get; private set; }

    /// <summary>As the plan role, a plan that takes the state lock (writes the lock object beside the state).</summary>
    public TerraformResult? PlanWithLock { get; private set; }

    /// <summary>As the plan role, an apply that changes the queue's visibility timeout.</summary>
    public TerraformResult? PlanRoleApply { get; private set; }

    public int VisibilityAfterPlanRoleApply { get; private set; }

    /// <summary>As the deploy role, the same apply: the control that the change itself is sound.</summary>
    public TerraformResult? DeployRoleApply { get; private set; }

    public int VisibilityAfterDeployRoleApply { get; private set; }

    public async Task InitializeAsync()
    {
        try
        {
            _moto = await MotoServer.StartAsync(new MotoServerOptions
            {
                EnforceIam = true,
                AdminCredentialsPath = Path.Combine(_root, "admin.json"),
                AccessLogPath = AccessLogPath,
                LogPath = Path.Combine(_root, "moto.log"),
            });
            var admin = _moto.AdminCredentials!;
            _admin = new AwsClients(AwsEndpoint.Emulator(_moto.Endpoint, EmulatorCredentials.Region, admin.AccessKeyId, admin.SecretAccessKey));
            var adminEnvironment = admin.Environment(_moto.Endpoint).ToDictionary(kv => kv.Key, kv => (string?)kv.Value);

            var identities = Path.Combine(_root, "identities");
            ProbeRoots.WriteIdentities(identities, _moto.Endpoint, admin.Arn);
            await Require(identities, adminEnvironment, "init", "-input=false");
            await Require(identities, adminEnvironment, "apply", "-input=false", "-auto-approve");
            using (var outputs = JsonDocument.Parse((await Require(identities, adminEnvironment, "output", "-json")).StandardOutput))
            {
                PlanRoleArn = outputs.RootElement.GetProperty("plan_role_arn").GetProperty("value").GetString()!;
                DeployRoleArn = outputs.RootElement.GetProperty("deploy_role_arn").GetProperty("value").GetString()!;
            }

            using (var s3 = _admin.CreateS3())
            {
                await s3.PutBucketAsync(new PutBucketRequest { BucketName = ProbeRoots.StateBucket });
            }

            var target = Path.Combine(_root, "target");
            ProbeRoots.WriteTarget(target, _moto.Endpoint);
            await Require(target, adminEnvironment, "init", "-input=false");
            await Require(target, adminEnvironment, "apply", "-input=false", "-auto-approve");

            var plan = await AssumeAsync(PlanRoleArn, "pull-request-plan", target);
            PlanInit = await Run(target, plan, "init", "-input=false", "-reconfigure");
            PlanWithoutLock = await Run(target, plan, "plan", "-input=false", "-lock=false", "-detailed-exitcode");
            PlanWithLock = await Run(target, plan, "plan", "-input=false", "-lock-timeout=0s", "-detailed-exitcode");
            PlanRoleApply = await Run(target, plan, "apply", "-input=false", "-auto-approve", "-lock=false", "-var=visibility_timeout_seconds=45");
            VisibilityAfterPlanRoleApply = await VisibilityTimeoutAsync();

            var deploy = await AssumeAsync(DeployRoleArn, "deploy", target);
            DeployRoleApply = await Run(target, deploy, "apply", "-input=false", "-auto-approve", "-var=visibility_timeout_seconds=45");
            VisibilityAfterDeployRoleApply = await VisibilityTimeoutAsync();
        }
        catch (Exception exception)
        {
            SetupFailure = exception;
        }
    }

    /// <summary>The policy checks the emulator denied to a session of <paramref name="roleArn"/>: (action, resource).</summary>
    public List<(string Action, string Resource)> DeniedTo(string roleArn)
    {
        var role = roleArn[(roleArn.LastIndexOf('/') + 1)..];
        return [.. File.ReadAllLines(AccessLogPath)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Where(check => !check.GetProperty("allowed").GetBoolean()
                && check.GetProperty("principal").GetString()!.Contains($":assumed-role/{role}/", StringComparison.Ordinal))
            .Select(check => (check.GetProperty("action").GetString()!, check.GetProperty("resource").GetString()!))];
    }

    public void ThrowIfSetupFailed()
    {
        if (SetupFailure is not null)
        {
            throw new InvalidOperationException($"The plan-role probe's setup failed: {SetupFailure.Message}", SetupFailure);
        }
    }

    private async Task<int> VisibilityTimeoutAsync()
    {
        using var sqs = _admin!.CreateSqs();
        var url = (await sqs.GetQueueUrlAsync(ProbeRoots.QueueName)).QueueUrl;
        return (await sqs.GetQueueAttributesAsync(url, ["VisibilityTimeout"])).VisibilityTimeout;
    }

    /// <summary>A fresh session of the role, as the CI's OIDC exchange gives it: keys and token only, nothing of the administrator's.</summary>
    private async Task<Dictionary<string, string?>> AssumeAsync(string roleArn, string sessionName, string directory)
    {
        using var sts = _admin!.CreateSts();
        var credentials = (await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = sessionName })).Credentials;
        var environment = EmulatorCredentials.Environment(_moto!.Endpoint).ToDictionary(kv => kv.Key, kv => (string?)kv.Value);
        environment["AWS_ACCESS_KEY_ID"] = credentials.AccessKeyId;
        environment["AWS_SECRET_ACCESS_KEY"] = credentials.SecretAccessKey;
        environment["AWS_SESSION_TOKEN"] = credentials.SessionToken;
        return environment;
    }

    private Task<TerraformResult> Run(string directory, Dictionary<string, string?> environment, params string[] arguments)
    {
        var all = new Dictionary<string, string?>(environment);
        foreach (var (name, value) in TerraformCommands.IsolatedEnvironment(Path.Combine(directory, ".terraform")))
        {
            all[name] = value;
        }

        all["AWS_PROFILE"] = null;
        return TerraformCommands.RunAsync(directory, [.. arguments, "-no-color"], all);
    }

    private async Task<TerraformResult> Require(string directory, Dictionary<string, string?> environment, params string[] arguments)
    {
        var result = await Run(directory, environment, arguments);
        return result.ExitCode == 0 ? result : throw new InvalidOperationException(result.Describe());
    }

    public async Task DisposeAsync()
    {
        if (_moto is not null)
        {
            await _moto.DisposeAsync();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A provider still closing a file; the temp folder is the OS's to clean.
        }
    }
}
