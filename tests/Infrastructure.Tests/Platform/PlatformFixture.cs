using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DataPlatform.Deployment.Terraform;
using DataPlatform.Emulator;
using DataPlatform.Infrastructure.Tests.Policies;
using DataPlatform.Infrastructure.Tests.Terraform;

namespace DataPlatform.Infrastructure.Tests.Platform;

/// <summary>
/// One moto server and one applied local environment for the whole assembly, driven the way the
/// build drives it: per stack, in dependency order, init → apply → output -json (fed to later
/// stacks as -var of the same name) → plan -detailed-exitcode; then destroy in reverse. Beside that cycle it
/// saves the prod environment's plans (prod settings, planned against the same emulator) and the
/// broken fixture's plan for the policy tests. Everything is recorded; the tests only assert.
/// </summary>
public sealed partial class PlatformFixture : IAsyncLifetime
{
    public const string BrokenFixture = "broken_platform";

    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(8);

    private MotoServer? _moto;

    public string StateRoot { get; } = Path.Combine(Path.GetTempPath(), $"dataplatform-infra-tests-{Guid.NewGuid():N}");

    public Uri Endpoint => _moto?.Endpoint ?? throw new InvalidOperationException("The emulator did not start.");

    /// <summary>The image the compute stack gets: the registry's repository by a fixed digest (moto stubs ECR for Lambda).</summary>
    public string ImageUri { get; private set; } = "";

    public IReadOnlyList<StackRun> Local { get; } = [.. StackCatalog.All.Select(s => new StackRun(s.Name))];

    /// <summary>Each prod stack's plan, and the JSON of its saved plan (null when planning failed).</summary>
    public Dictionary<string, (TerraformResult Result, string? Json)> ProdPlans { get; } = [];

    public (TerraformResult Result, string? Json) BrokenPlan { get; private set; }

    /// <summary>Plans of the prod compute stack with one bad input each, which its guardrails must refuse.</summary>
    public Dictionary<string, TerraformResult> RejectedComputePlans { get; } = [];

    public Exception? StartupFailure { get; private set; }

    public TimeSpan Elapsed { get; private set; }

    public StackRun LocalRun(string stack) => Local.Single(r => r.Name == stack);

    public PlanDocument ProdPlanDocument() =>
        PlanDocument.Parse(ProdPlans.Select(p => KeyValuePair.Create(p.Key, p.Value.Json
            ?? throw new InvalidOperationException($"The prod plan of {p.Key} failed. {p.Value.Result.Describe()}"))));

    public PlanDocument BrokenPlanDocument() =>
        PlanDocument.Parse([KeyValuePair.Create(BrokenFixture, BrokenPlan.Json
            ?? throw new InvalidOperationException($"The broken fixture's plan failed. {BrokenPlan.Result.Describe()}"))]);

    public async Task InitializeAsync()
    {
        var stopwatch = Stopwatch.StartNew();
        try
        {
            _moto = await MotoServer.StartAsync(new MotoServerOptions
            {
                LogPath = Path.Combine(Directory.CreateDirectory(StateRoot).FullName, "moto.log"),
                // Lambda does not pull the image on moto: any digest in the registry's repository serves.
                Environment = new Dictionary<string, string> { ["MOTO_LAMBDA_STUB_ECR"] = "TRUE" },
            });

            // Every stack gets its backend override and CLI config before anything runs side by side.
            foreach (var stack in StackCatalog.All)
            {
                Workspace(stack).Prepare();
                _ = Workspace(stack).ProcessEnvironment();
            }

            await Task.WhenAll(RunLocalCycleAsync(), PlanProdAsync(), PlanBrokenFixtureAsync());
        }
        catch (Exception exception)
        {
            StartupFailure = exception;
        }

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

    private StackWorkspace Workspace(Stack stack) => new(RepositoryLayout.Root, StackWorkspace.LocalEnvironment, stack, StateRoot);

    private IReadOnlyDictionary<string, string> ProcessEnvironment(IReadOnlyDictionary<string, string> terraformEnvironment)
    {
        var environment = new Dictionary<string, string>(terraformEnvironment);
        foreach (var (key, value) in EmulatorCredentials.Environment(Endpoint))
        {
            // The endpoint must reach the provider through aws_endpoint_url, which is what is under
            // test, so the SDK-wide variable is left out.
            if (key != "AWS_ENDPOINT_URL")
            {
                environment[key] = value;
            }
        }

        return environment;
    }

    private async Task RunLocalCycleAsync()
    {
        // Stacks of one wave depend only on earlier waves (registry and storage first), so they
        // apply side by side; a stack's no-change plan only reads its own resources, so it runs
        // while the next wave applies. Destroy goes through the waves in reverse.
        var outputs = new Dictionary<string, string>();
        var noChangePlans = new List<Task>();
        foreach (var wave in StackCatalog.Waves())
        {
            var applied = await Task.WhenAll(wave.Select(stack => ApplyAsync(stack, outputs)));
            if (applied.Contains(false))
            {
                break;
            }

            foreach (var stack in wave)
            {
                foreach (var (name, value) in LocalRun(stack.Name).Outputs)
                {
                    outputs[name] = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
                }

                noChangePlans.Add(PlanWithoutChangesAsync(stack));
            }
        }

        await Task.WhenAll(noChangePlans);
        foreach (var wave in StackCatalog.Waves().Reverse())
        {
            await Task.WhenAll(wave.Select(DestroyAsync));
        }
    }

    private async Task<bool> ApplyAsync(Stack stack, IReadOnlyDictionary<string, string> upstreamOutputs)
    {
        var run = LocalRun(stack.Name);
        var workspace = Workspace(stack);
        var environment = ProcessEnvironment(workspace.ProcessEnvironment());
        run.Init = await TerraformProcess.RunAsync(workspace.StackDirectory, ["init", "-no-color", .. workspace.InitArguments()], environment, StepTimeout);
        if (run.Init.ExitCode != 0)
        {
            return false;
        }

        var inputs = StackInputs(workspace.StackDirectory, upstreamOutputs);
        if (RepositoryLayout.DeclaredVariables(workspace.StackDirectory).Contains("image_uri"))
        {
            // What the build passes after pushing: the registry stack's repository by digest.
            ImageUri = $"{upstreamOutputs["repository_url"]}@sha256:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("data-platform processor test image")))}";
            inputs["image_uri"] = ImageUri;
        }

        run.Inputs = inputs;
        run.Apply = await TerraformProcess.RunAsync(workspace.StackDirectory, ["apply", "-no-color", "-input=false", "-auto-approve", .. workspace.VariableArguments(inputs)], environment, StepTimeout);
        if (run.Apply.ExitCode != 0)
        {
            return false;
        }

        run.Output = await TerraformProcess.RunAsync(workspace.StackDirectory, ["output", "-no-color", "-json"], environment, StepTimeout);
        if (run.Output.ExitCode != 0)
        {
            return false;
        }

        run.Outputs = ParseOutputs(run.Output.StandardOutput);
        return true;
    }

    private async Task PlanWithoutChangesAsync(Stack stack)
    {
        var run = LocalRun(stack.Name);
        var workspace = Workspace(stack);
        run.NoChangePlan = await TerraformProcess.RunAsync(
            workspace.StackDirectory,
            ["plan", "-no-color", "-input=false", "-detailed-exitcode", .. workspace.VariableArguments(run.Inputs)],
            ProcessEnvironment(workspace.ProcessEnvironment()),
            StepTimeout);
    }

    private async Task DestroyAsync(Stack stack)
    {
        var run = LocalRun(stack.Name);
        if (run.Init is not { ExitCode: 0 })
        {
            return;
        }

        var workspace = Workspace(stack);
        var environment = ProcessEnvironment(workspace.ProcessEnvironment());
        run.Destroy = await TerraformProcess.RunAsync(workspace.StackDirectory, ["destroy", "-no-color", "-input=false", "-auto-approve", .. workspace.VariableArguments(run.Inputs)], environment, StepTimeout);
        run.StateAfterDestroy = await TerraformProcess.RunAsync(workspace.StackDirectory, ["state", "list"], environment, StepTimeout);
    }

    /// <summary>The build's contract: every upstream output whose name the stack declares as a variable, plus the build's own values.</summary>
    private Dictionary<string, string> StackInputs(string stackDirectory, IReadOnlyDictionary<string, string> upstreamOutputs)
    {
        var declared = RepositoryLayout.DeclaredVariables(stackDirectory);
        var inputs = upstreamOutputs.Where(o => declared.Contains(o.Key)).ToDictionary(o => o.Key, o => o.Value);
        inputs["aws_endpoint_url"] = Endpoint.ToString().TrimEnd('/');
        return inputs;
    }

    /// <summary>
    /// The prod environment's stacks, planned (never applied) against the emulator with prod.tfvars.
    /// Upstream outputs do not exist, so they are the values prod's naming produces (Terragrunt's
    /// mock outputs): the plans then hold every policy-relevant value instead of "known after apply".
    /// </summary>
    private async Task PlanProdAsync()
    {
        var settings = StringSettings(RepositoryLayout.VariablesFile("prod"));
        var prefix = settings["name_prefix"];
        var region = settings["region"];
        var account = EmulatorCredentials.AccountId;
        var repository = $"{account}.dkr.ecr.{region}.amazonaws.com/{prefix}-processor";
        var bucket = $"{prefix}-lake-{account}-{region}";
        var upstream = new Dictionary<string, string>
        {
            ["repository_url"] = repository,
            ["lake_bucket"] = bucket,
            ["lake_bucket_arn"] = $"arn:aws:s3:::{bucket}",
            ["lake_prefix"] = "",
            ["kms_key_arn"] = "",
            ["ingest_queue_arn"] = $"arn:aws:sqs:{region}:{account}:{prefix}-ingest",
            ["ingest_queue_visibility_timeout_seconds"] = "360",
            ["processor_timeout_seconds"] = "60",
            ["processor_role_arn"] = $"arn:aws:iam::{account}:role/{prefix}-processor-role",
            ["image_uri"] = $"{repository}@sha256:{new string('a', 64)}",
        };

        foreach (var stack in StackCatalog.All)
        {
            var directory = RepositoryLayout.StackDirectory(stack.Name);
            var inputs = StackInputs(directory, upstream);
            ProdPlans[stack.Name] = await PlanAsync(
                directory,
                Path.Combine(StateRoot, "prod", stack.Name),
                [$"-backend-config=path={Path.Combine(StateRoot, "prod", stack.Name, "terraform.tfstate")}", "-lockfile=readonly"],
                [$"-var-file={RepositoryLayout.VariablesFile("prod")}", .. inputs.Select(i => $"-var={i.Key}={i.Value}")]);
        }

        // The compute stack's guardrails, on the already initialised prod workspace.
        var compute = RepositoryLayout.StackDirectory(StackCatalog.Compute.Name);
        var computeEnvironment = ProcessEnvironment(TerraformProcess.IsolatedEnvironment(Path.Combine(StateRoot, "prod", StackCatalog.Compute.Name, ".terraform")));
        var good = StackInputs(compute, upstream);
        var rejected = new Dictionary<string, Dictionary<string, string>>
        {
            ["image by tag"] = new(good) { ["image_uri"] = $"{repository}:latest" },
            ["image from another repository"] = new(good) { ["image_uri"] = $"{account}.dkr.ecr.{region}.amazonaws.com/other@sha256:{new string('b', 64)}" },
            ["visibility under 6 x timeout"] = new(good) { ["ingest_queue_visibility_timeout_seconds"] = "300" },
        };
        foreach (var (name, inputs) in rejected)
        {
            RejectedComputePlans[name] = await TerraformProcess.RunAsync(
                compute,
                ["plan", "-no-color", "-input=false", "-lock=false", $"-var-file={RepositoryLayout.VariablesFile("prod")}", .. inputs.Select(i => $"-var={i.Key}={i.Value}")],
                computeEnvironment,
                StepTimeout);
        }
    }

    private async Task PlanBrokenFixtureAsync()
    {
        BrokenPlan = await PlanAsync(
            Path.Combine(RepositoryLayout.FixturesDirectory, BrokenFixture),
            Path.Combine(StateRoot, BrokenFixture),
            ["-backend=false", "-lockfile=readonly"],
            [$"-var=aws_endpoint_url={Endpoint.ToString().TrimEnd('/')}", "-lock=false"]);
    }

    private async Task<(TerraformResult, string?)> PlanAsync(string directory, string workDirectory, IReadOnlyList<string> initArguments, IReadOnlyList<string> planArguments)
    {
        var environment = ProcessEnvironment(TerraformProcess.IsolatedEnvironment(Path.Combine(workDirectory, ".terraform")));
        var init = await TerraformProcess.RunAsync(directory, ["init", "-no-color", "-input=false", .. initArguments], environment, StepTimeout);
        if (init.ExitCode != 0)
        {
            return (init, null);
        }

        var planFile = Path.Combine(workDirectory, "plan.tfplan");
        var plan = await TerraformProcess.RunAsync(directory, ["plan", "-no-color", "-input=false", $"-out={planFile}", .. planArguments], environment, StepTimeout);
        if (plan.ExitCode != 0)
        {
            return (plan, null);
        }

        var show = await TerraformProcess.RunAsync(directory, ["show", "-no-color", "-json", planFile], environment, StepTimeout);
        return show.ExitCode == 0 ? (plan, show.StandardOutput) : (show, null);
    }

    private static Dictionary<string, JsonElement> ParseOutputs(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetProperty("value").Clone());
    }

    private static Dictionary<string, string> StringSettings(string tfvarsFile) =>
        StringSetting().Matches(File.ReadAllText(tfvarsFile)).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);

    [GeneratedRegex(@"^([A-Za-z0-9_]+)\s*=\s*""([^""]*)""", RegexOptions.Multiline)]
    private static partial Regex StringSetting();
}

[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "Applied platform on moto";
}
