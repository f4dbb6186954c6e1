using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DataPlatform.Deployment.Contracts;
using DataPlatform.Deployment.Environments;
using DataPlatform.Deployment.Terraform;
using DataPlatform.Emulator;
using DataPlatform.Infrastructure.Tests.Policies;
using DataPlatform.Infrastructure.Tests.RootModule;
using DataPlatform.Infrastructure.Tests.Terraform;

namespace DataPlatform.Infrastructure.Tests.Platform;

/// <summary>
/// One moto server and one applied local environment for the whole assembly, driven by the
/// deployment core exactly as the build drives it (<see cref="StackPipeline"/>): converge the
/// registry, then storage, iam and compute; plan everything again; destroy in reverse. Side by
/// side with that cycle, the prod environment is planned (prod settings, against the same
/// emulator, in its own copy of the code) and the broken fixture's plan is saved for the policy
/// tests. Everything is recorded; the tests only assert.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    public const string BrokenFixture = "broken_platform";

    private MotoServer? _moto;
    private RootModuleCycle? _root;
    private IReadOnlyDictionary<string, string> _sourceBefore = new Dictionary<string, string>();

    public PlatformFixture() => Local = [.. StackCatalog.All.Select(s => new StackRun(s.Name, LocalLog))];

    public string StateRoot { get; } = Path.Combine(Path.GetTempPath(), $"dataplatform-infra-tests-{Guid.NewGuid():N}");

    public Uri Endpoint => _moto?.Endpoint ?? throw new InvalidOperationException("The emulator did not start.");

    /// <summary>The image the compute stack gets: the registry's repository by a fixed digest (moto stubs ECR for Lambda).</summary>
    public string ImageUri { get; private set; } = "";

    public RecordingDeploymentLog LocalLog { get; } = new();

    public RecordingDeploymentLog ProdLog { get; } = new();

    public IReadOnlyList<StackRun> Local { get; }

    /// <summary>What stopped the local cycle early, if anything did.</summary>
    public Exception? LocalFailure { get; private set; }

    /// <summary>Each prod stack's saved plan as JSON (<c>terraform show -json</c>).</summary>
    public Dictionary<string, string> ProdPlans { get; } = [];

    public Exception? ProdFailure { get; private set; }

    /// <summary>
    /// The key ARN the prod stacks after the registry are planned with: the registry stack creates
    /// the key, and a key's ARN is known only once it exists, so this stands in for its output.
    /// </summary>
    public string ProdKmsKeyArn { get; private set; } = "";

    /// <summary>Where each environment's terraform ran: its own copy of the code.</summary>
    public Dictionary<string, string> WorkingCopies { get; } = [];

    public (TerraformResult Result, string? Json) BrokenPlan { get; private set; }

    /// <summary>Plans of the prod compute stack with one bad input each: the core's error, or null when it planned.</summary>
    public Dictionary<string, string?> RejectedComputePlans { get; } = [];

    /// <summary>Files under terraform/ that were added, changed or removed while the fixture ran.</summary>
    public IReadOnlyList<string> SourceTreeChanges { get; private set; } = [];

    /// <summary>The root module's path (terraform/ as one state) on the same emulator, and its prod plan.</summary>
    public RootModuleCycle Root => _root ?? throw new InvalidOperationException($"The emulator did not start: {StartupFailure?.Message}");

    public Exception? StartupFailure { get; private set; }

    /// <summary>The applied local environment's alarm topic and alarms, probed on the emulator before the destroy.</summary>
    public AlarmProbe? Alarms { get; private set; }

    public Exception? AlarmProbeFailure { get; private set; }

    public TimeSpan Elapsed { get; private set; }

    public StackRun LocalRun(string stack) => Local.Single(r => r.Name == stack);

    public PlanDocument ProdPlanDocument() =>
        ProdPlans.Count == StackCatalog.All.Count
            ? PlanDocument.Parse(ProdPlans)
            : throw new InvalidOperationException($"The prod plans did not all run: {ProdFailure?.Message}\n{ProdLog.Pipeline()}");

    public PlanDocument BrokenPlanDocument() =>
        PlanDocument.Parse([KeyValuePair.Create(BrokenFixture, BrokenPlan.Json
            ?? throw new InvalidOperationException($"The broken fixture's plan failed. {BrokenPlan.Result.Describe()}"))]);

    public async Task InitializeAsync()
    {
        var stopwatch = Stopwatch.StartNew();
        _sourceBefore = SourceTree();
        try
        {
            _moto = await MotoServer.StartAsync(new MotoServerOptions
            {
                LogPath = Path.Combine(Directory.CreateDirectory(StateRoot).FullName, "moto.log"),
                // Lambda does not pull the image on moto: any digest in the registry's repository serves.
                Environment = new Dictionary<string, string> { ["MOTO_LAMBDA_STUB_ECR"] = "TRUE" },
            });

            // Two environments at once, each in its own copy of the code, against one emulator, and
            // the root module beside them under a prefix of its own.
            _root = new RootModuleCycle(Path.Combine(StateRoot, "root-module"), Endpoint, AwsEnvironment(EmulatorCredentials.Region));
            var prod = EnvironmentSettings.Load(RepositoryLayout.EnvironmentsDirectory, "prod");
            await Task.WhenAll(
                Task.Run(RunLocalCycle), Task.Run(PlanProd), PlanBrokenFixtureAsync(),
                Task.Run(_root.RunLocalAsync), Task.Run(() => _root.PlanProdAsync(ProdImageUri(prod))));
            await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "root-module-path.log"), _root.Transcript);
        }
        catch (Exception exception)
        {
            StartupFailure = exception;
        }

        SourceTreeChanges = Changes(_sourceBefore, SourceTree());
        Elapsed = stopwatch.Elapsed;
    }

    public async Task DisposeAsync()
    {
        if (_moto is not null)
        {
            await _moto.DisposeAsync();
        }

        try
        {
            Directory.Delete(StateRoot, recursive: true);
        }
        catch (IOException)
        {
            // A provider still closing a file; the temp folder is the OS's to clean.
        }
    }

    private StackPipeline Pipeline(EnvironmentSettings environment, IDeploymentLog log, Func<string?> imageUri)
    {
        var pipeline = new StackPipeline(new StackPipelineOptions
        {
            RepositoryRoot = RepositoryLayout.Root,
            StateRoot = StateRoot,
            Environment = environment,
            Aws = new AwsConnection(environment.Region!, Endpoint, AwsEnvironment(environment.Region!)),
            Terraform = TerraformCli.Find(),
            Log = log,
            Approval = new ChangeApproval(new ApprovalPolicy(environment.Name, UsesEmbeddedEmulator: true, AutoApprove: true, IsInteractive: false), () => null, TextWriter.Null),
            // As the build does: the compute stack records the repository's contracts.
            EventContracts = RepositoryContracts.Read(RepositoryLayout.Root),
            ImageUri = imageUri,
        });
        lock (WorkingCopies)
        {
            WorkingCopies[environment.Name] = pipeline[StackCatalog.All[0]].Workspace.WorkingCopy;
        }

        return pipeline;
    }

    private IReadOnlyDictionary<string, string?> AwsEnvironment(string region)
    {
        var environment = EmulatorCredentials.Environment(Endpoint, region).ToDictionary(kv => kv.Key, kv => (string?)kv.Value);

        // The endpoint must reach the provider through aws_endpoint_url, which is what is under
        // test, so the SDK-wide variable is removed; so is any profile or session of a developer.
        environment["AWS_ENDPOINT_URL"] = null;
        foreach (var name in EmulatorCredentials.VariablesToClear)
        {
            environment[name] = null;
        }

        return environment;
    }

    private void RunLocalCycle()
    {
        var local = EnvironmentSettings.Load(RepositoryLayout.EnvironmentsDirectory, "local");
        var pipeline = Pipeline(local, LocalLog, () => ImageUri.Length > 0 ? ImageUri : null);
        try
        {
            // As the Deploy target: the registry first (the image is pushed into it), then the rest.
            Record(pipeline, pipeline.Converge([StackCatalog.Registry]));

            // What the build passes after pushing: the registry stack's repository by digest.
            ImageUri = $"{pipeline.OutputsOf(StackCatalog.Registry)["repository_url"].GetString()}@sha256:" +
                Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("data-platform processor test image")));
            Record(pipeline, pipeline.Converge([StackCatalog.Storage, StackCatalog.Iam, StackCatalog.Compute]));

            foreach (var plan in pipeline.PlanAll(StackCatalog.All))
            {
                LocalRun(plan.Stack).NoChangePlan = plan;
            }
        }
        catch (Exception failure)
        {
            LocalFailure = failure;
        }

        // After the no-change plans, so the probe's queue and subscription cannot show as drift.
        try
        {
            var topic = LocalRun(StackCatalog.Storage.Name).Outputs["alarm_topic_arn"].GetString()!;
            Alarms = AlarmProbe.Run(new AwsCli(Endpoint, local.Region!), topic);
        }
        catch (Exception failure)
        {
            AlarmProbeFailure = failure;
        }

        try
        {
            pipeline.Destroy(StackCatalog.InDestroyOrder);
            foreach (var run in Local)
            {
                run.Destroyed = true;
                run.StateAfterDestroy = pipeline[StackCatalog.Get(run.Name)].ResourcesInState();
            }
        }
        catch (Exception failure)
        {
            LocalFailure ??= failure;
        }
    }

    private void Record(StackPipeline pipeline, IReadOnlyList<PlanResult> plans)
    {
        foreach (var plan in plans)
        {
            var run = LocalRun(plan.Stack);
            var stack = StackCatalog.Get(plan.Stack);
            run.Applied = plan;
            run.Outputs = pipeline.OutputsOf(stack);
            run.StateAfterApply = pipeline[stack].ResourcesInState();
            using var inputs = JsonDocument.Parse(File.ReadAllText(pipeline[stack].Workspace.InputsFile));
            run.Inputs = inputs.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
        }
    }

    /// <summary>
    /// The prod environment's stacks, planned (never applied) against the emulator with prod.tfvars
    /// and state in files. Upstream outputs do not exist, so they are the values prod's naming
    /// produces (Terragrunt's mock outputs) in place of the pipeline's placeholders: the plans then
    /// hold every policy-relevant value instead of "known after apply".
    /// </summary>
    private void PlanProd()
    {
        try
        {
            var prod = EnvironmentSettings.Load(RepositoryLayout.EnvironmentsDirectory, "prod") with { BackendFile = null };
            var pipeline = Pipeline(prod, ProdLog, () => null);
            var prefix = prod.Values["name_prefix"].GetString();
            var region = prod.Region;
            var account = EmulatorCredentials.AccountId;
            var repository = $"{account}.dkr.ecr.{region}.amazonaws.com/{prefix}-processor";
            var bucket = $"{prefix}-lake-{account}-{region}";
            ProdKmsKeyArn = $"arn:aws:kms:{region}:{account}:key/0d1a2b3c-4d5e-6f70-8192-a3b4c5d6e7f8";
            var upstream = new Dictionary<string, object>
            {
                ["repository_url"] = repository,
                ["lake_bucket"] = bucket,
                ["lake_bucket_arn"] = $"arn:aws:s3:::{bucket}",
                ["lake_prefix"] = "",
                ["kms_key_arn"] = ProdKmsKeyArn,
                ["ingest_queue_arn"] = $"arn:aws:sqs:{region}:{account}:{prefix}-ingest",
                ["ingest_queue_visibility_timeout_seconds"] = 360,
                ["processor_timeout_seconds"] = 60,
                ["processor_role_arn"] = $"arn:aws:iam::{account}:role/{prefix}-processor-role",
                ["alarm_topic_arn"] = $"arn:aws:sns:{region}:{account}:{prefix}-alarms",
                ["image_uri"] = ProdImageUri(prod),
            };

            pipeline.Init(StackCatalog.All);
            foreach (var stack in StackCatalog.All)
            {
                var inputs = Mocked(pipeline, stack, upstream);
                pipeline[stack].Plan(inputs, []);
                ProdPlans[stack.Name] = pipeline[stack].ShowPlan();
            }

            // The compute stack's guardrails: each bad input must stop the plan with its message.
            var rejected = new Dictionary<string, (string Name, object Value)>
            {
                ["image by tag"] = ("image_uri", $"{repository}:latest"),
                ["image from another repository"] = ("image_uri", $"{account}.dkr.ecr.{region}.amazonaws.com/other@sha256:{new string('b', 64)}"),
                ["visibility under 6 x timeout"] = ("ingest_queue_visibility_timeout_seconds", 300),
            };
            foreach (var (name, (variable, value)) in rejected)
            {
                var inputs = Mocked(pipeline, StackCatalog.Compute, new Dictionary<string, object>(upstream) { [variable] = value });
                try
                {
                    pipeline[StackCatalog.Compute].Plan(inputs, []);
                    RejectedComputePlans[name] = null;
                }
                catch (DeploymentFailedException refused)
                {
                    RejectedComputePlans[name] = refused.Message;
                }
            }
        }
        catch (Exception failure)
        {
            ProdFailure = failure;
        }
    }

    /// <summary>The image prod's compute stack (and the root's prod plan) gets: prod's repository by a fixed digest.</summary>
    private static string ProdImageUri(EnvironmentSettings prod) =>
        $"{EmulatorCredentials.AccountId}.dkr.ecr.{prod.Region}.amazonaws.com/{prod.Values["name_prefix"].GetString()}-processor@sha256:{new string('a', 64)}";

    /// <summary>The inputs the pipeline makes for a stack, with the mock upstream values in place of placeholders.</summary>
    private static Dictionary<string, JsonElement> Mocked(StackPipeline pipeline, Stack stack, IReadOnlyDictionary<string, object> upstream)
    {
        var (made, placeholders) = pipeline.Inputs(stack, allowPlaceholders: true);
        var inputs = new Dictionary<string, JsonElement>(made);
        // An optional upstream output (kms_key_arn) is left out of the placeholders, so the
        // stack's default would stand in for it; prod's value is known, so it goes in too.
        foreach (var (name, value) in upstream.Where(u => inputs.ContainsKey(u.Key) || placeholders.Contains(u.Key)))
        {
            inputs[name] = JsonSerializer.SerializeToElement(value);
        }

        return inputs;
    }

    private async Task PlanBrokenFixtureAsync()
    {
        var directory = Path.Combine(RepositoryLayout.FixturesDirectory, BrokenFixture);
        var work = Path.Combine(StateRoot, BrokenFixture);
        var environment = new Dictionary<string, string?>(TerraformCommands.IsolatedEnvironment(Path.Combine(work, ".terraform")));
        foreach (var (key, value) in AwsEnvironment(EmulatorCredentials.Region))
        {
            environment[key] = value;
        }

        var init = await TerraformCommands.RunAsync(directory, ["init", "-no-color", "-input=false", "-backend=false", "-lockfile=readonly"], environment);
        if (init.ExitCode != 0)
        {
            BrokenPlan = (init, null);
            return;
        }

        var planFile = Path.Combine(work, "plan.tfplan");
        var plan = await TerraformCommands.RunAsync(
            directory,
            ["plan", "-no-color", "-input=false", "-lock=false", $"-out={planFile}", $"-var=aws_endpoint_url={Endpoint.ToString().TrimEnd('/')}"],
            environment);
        if (plan.ExitCode != 0)
        {
            BrokenPlan = (plan, null);
            return;
        }

        var show = await TerraformCommands.RunAsync(directory, ["show", "-no-color", "-json", planFile], environment);
        BrokenPlan = show.ExitCode == 0 ? (plan, show.StandardOutput) : (show, null);
    }

    /// <summary>Every file under terraform/ with a hash of its content.</summary>
    private static Dictionary<string, string> SourceTree() =>
        Directory.EnumerateFiles(RepositoryLayout.TerraformDirectory, "*", SearchOption.AllDirectories)
            .ToDictionary(
                file => Path.GetRelativePath(RepositoryLayout.Root, file),
                file => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file))));

    private static List<string> Changes(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after) =>
        [
            .. after.Keys.Where(f => !before.ContainsKey(f)).Select(f => $"added {f}"),
            .. before.Keys.Where(f => !after.ContainsKey(f)).Select(f => $"removed {f}"),
            .. after.Where(f => before.TryGetValue(f.Key, out var hash) && hash != f.Value).Select(f => $"changed {f.Key}"),
        ];
}
