using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using DataPlatform.Deployment.Environments;
using DataPlatform.Deployment.Terraform;
using DataPlatform.Emulator;
using DataPlatform.Infrastructure.Tests.Platform;
using DataPlatform.Infrastructure.Tests.Terraform;

namespace DataPlatform.Infrastructure.Tests.Workflows;

/// <summary>
/// The access stack planned (never applied) for dev and prod, side by side, against one moto
/// server, with the inputs --target=Access gives it: the values of the environment's tfvars, its
/// state bucket, the repository, and for prod no plan role (as README's CI section says). Only the
/// plans' JSON is kept; the trust tests read the roles' policies from it.
/// </summary>
public sealed class AccessPlans : IAsyncLifetime
{
    public const string Repository = "example-org/data-platform";

    private readonly string _stateRoot = Path.Combine(Path.GetTempPath(), $"dataplatform-access-plans-{Guid.NewGuid():N}");
    private MotoServer? _moto;

    /// <summary>Each environment's plan as <c>terraform show -json</c>.</summary>
    public Dictionary<string, string> Plans { get; } = [];

    public Exception? Failure { get; private set; }

    public TimeSpan Elapsed { get; private set; }

    public RecordingDeploymentLog Log { get; } = new();

    public IReadOnlyList<RoleTrust> Roles() =>
        Failure is null
            ? [.. Plans.OrderBy(p => p.Key, StringComparer.Ordinal).SelectMany(p => RoleTrust.FromPlan(p.Key, p.Value))]
            : throw new InvalidOperationException($"The access stack's plans failed: {Failure.Message}\n{Log.Pipeline()}", Failure);

    /// <summary>The inline policy the plan gives the role named <paramref name="policyName"/> (deploy or plan) in an environment.</summary>
    public JsonElement RolePolicy(string environment, string policyName)
    {
        using var plan = JsonDocument.Parse(Plans[environment]);
        var after = plan.RootElement.GetProperty("resource_changes").EnumerateArray()
            .Where(c => c.GetProperty("type").GetString() == "aws_iam_role_policy")
            .Select(c => c.GetProperty("change").GetProperty("after"))
            .Single(a => a.GetProperty("name").GetString() == policyName);
        using var policy = JsonDocument.Parse(after.GetProperty("policy").GetString()!);
        return policy.RootElement.Clone();
    }

    public async Task InitializeAsync()
    {
        var clock = Stopwatch.StartNew();
        try
        {
            _moto = await MotoServer.StartAsync(new MotoServerOptions { LogPath = Path.Combine(Directory.CreateDirectory(_stateRoot).FullName, "moto.log") });
            await Task.WhenAll(Task.Run(() => Plan("dev", planRole: true)), Task.Run(() => Plan("prod", planRole: false)));
        }
        catch (Exception failure)
        {
            Failure = failure;
        }

        Elapsed = clock.Elapsed;
    }

    public async Task DisposeAsync()
    {
        if (_moto is not null)
        {
            await _moto.DisposeAsync();
        }

        try
        {
            Directory.Delete(_stateRoot, recursive: true);
        }
        catch (IOException)
        {
            // A provider still closing a file; the temp folder is the OS's to clean.
        }
    }

    private void Plan(string name, bool planRole)
    {
        var loaded = EnvironmentSettings.Load(RepositoryLayout.EnvironmentsDirectory, name);
        var bucket = Regex.Match(File.ReadAllText(loaded.BackendFile!), "^\\s*bucket\\s*=\\s*\"([^\"]+)\"", RegexOptions.Multiline).Groups[1].Value;
        // State in files here: the plan is all the test needs, and the emulator has no state bucket.
        var environment = loaded with { BackendFile = null };
        var aws = EmulatorCredentials.Environment(_moto!.Endpoint, environment.Region!).ToDictionary(kv => kv.Key, kv => (string?)kv.Value);
        aws["AWS_ENDPOINT_URL"] = null;
        foreach (var variable in EmulatorCredentials.VariablesToClear)
        {
            aws[variable] = null;
        }

        var pipeline = new StackPipeline(new StackPipelineOptions
        {
            RepositoryRoot = RepositoryLayout.Root,
            StateRoot = _stateRoot,
            Environment = environment,
            Aws = new AwsConnection(environment.Region!, _moto.Endpoint, aws),
            Terraform = TerraformCli.Find(),
            Log = Log,
            Approval = new ChangeApproval(new ApprovalPolicy(name, UsesEmbeddedEmulator: true, AutoApprove: true, IsInteractive: false), () => null, TextWriter.Null),
        });
        var values = new Dictionary<string, JsonElement>
        {
            ["github_repository"] = JsonSerializer.SerializeToElement(Repository),
            ["state_bucket"] = JsonSerializer.SerializeToElement(bucket),
            ["plan_role_enabled"] = JsonSerializer.SerializeToElement(planRole),
        };
        var runner = pipeline[StackCatalog.Access];
        runner.Init();
        runner.Plan(pipeline.Inputs(StackCatalog.Access, allowPlaceholders: false, values).Inputs, []);
        var json = runner.ShowPlan();
        lock (Plans)
        {
            Plans[name] = json;
        }
    }
}
