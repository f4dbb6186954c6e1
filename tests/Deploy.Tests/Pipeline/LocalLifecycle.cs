using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using DataPlatform.Aws;
using DataPlatform.Deploy.Tests.Image;
using DataPlatform.Deploy.Tests.Security;
using DataPlatform.Emulator;

namespace DataPlatform.Deploy.Tests.Pipeline;

/// <summary>
/// The main job end to end, once per test run: Deploy on the embedded local environment (the
/// build starts its own moto), Deploy again, a Rollback with nothing to roll back to, a deploy of
/// another image B, a Rollback to the first image, Destroy refused, Destroy with
/// --force-destroy-data, Down. Real terraform, real moto with IAM enforced (the build's default); each
/// step's result is kept for the tests to judge, with every secret the build made and every argv seen.
/// </summary>
public sealed class LocalLifecycle : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"dp-lifecycle-{Guid.NewGuid():N}");
    private readonly List<BuildShResult> _runs = [];
    private ProcessArguments? _argv;

    /// <summary>Every request moto authorised or denied (the launcher's access recorder, which the build turns on), one JSON line each.</summary>
    public string AccessLogFile => Path.Combine(StateDirectory, "local", "iam-access.jsonl");

    /// <summary>The administrator's keys, read from the state folder while the emulator ran; null when the first deploy left none.</summary>
    public LocalAdministrator? Administrator { get; private set; }

    /// <summary>The sampled rows of the deploy policy's per-action table; null when the deploy failed.</summary>
    public DeployPolicySample? PolicySample { get; private set; }

    /// <summary>What the emulator answered a request signed with the old dummy keys (the error code), or "accepted".</summary>
    public string DummyKeysAnswer { get; private set; } = "";

    /// <summary>
    /// The secrets the lifecycle's builds held (the administrator's secret key, each deploy role session's
    /// secret key and token) and the places they must be absent from: every build's output, artifacts,
    /// the deployed environment's terraform state, plans and inputs (taken before Destroy: Down deletes
    /// them), the emulator's own logs, and every argv seen on the machine while the lifecycle ran.
    /// </summary>
    public SecretScan Secrets { get; } = new();

    public string StateDirectory => Path.Combine(_root, "state");

    public string ArtifactsDirectory => Path.Combine(_root, "artifacts");

    public BuildShResult FirstDeploy { get; private set; } = null!;

    public BuildShResult SecondDeploy { get; private set; } = null!;

    /// <summary>Redrive and Replay on the deployed environment, between the second deploy and Destroy; null when the deploy failed.</summary>
    public RedriveReplayRuns? RedriveReplay { get; private set; }

    /// <summary>Send, Drain, Reconcile and Query on the deployed environment (issue 15).</summary>
    public ReconcileQueryRun ReconcileQuery { get; private set; } = null!;

    /// <summary>Rollback after two deploys of the same image: there is nothing to go back to.</summary>
    public BuildShResult NothingToRollBack { get; private set; } = null!;

    /// <summary>The image of the first two deploys (A) and the other one deployed after them (B), as repo@digest.</summary>
    public string ImageA { get; private set; } = "";

    public string ImageB { get; private set; } = "";

    public BuildShResult DeployB { get; private set; } = null!;

    public BuildShResult Rollback { get; private set; } = null!;

    /// <summary>What Lambda reports the function runs after the deploy of B and after the rollback.</summary>
    public string FunctionImageAfterB { get; private set; } = "";

    public string FunctionImageAfterRollback { get; private set; } = "";

    /// <summary>The repository's images and tags after the rollback.</summary>
    public IReadOnlyList<(string Digest, List<string> Tags)> ImagesAfterRollback { get; private set; } = [];

    /// <summary>The registry's lifecycle policy as the registry stack applied it.</summary>
    public string LifecyclePolicy { get; private set; } = "";

    public IReadOnlyDictionary<string, string> OutputsAfterRollback { get; private set; } = new Dictionary<string, string>();

    /// <summary>Status on the deployed environment, and the status.html it wrote (empty when it wrote none).</summary>
    public BuildShResult Status { get; private set; } = null!;

    public string StatusPage { get; private set; } = "";

    public BuildShResult RefusedDestroy { get; private set; } = null!;

    public BuildShResult Destroy { get; private set; } = null!;

    public BuildShResult Down { get; private set; } = null!;

    public IReadOnlyDictionary<string, string> Outputs { get; private set; } = new Dictionary<string, string>();

    /// <summary>What the emulator held right after Destroy, service by service.</summary>
    public IReadOnlyDictionary<string, string> LeftAfterDestroy { get; private set; } = new Dictionary<string, string>();

    public bool EmulatorAliveBeforeDown { get; private set; }

    public bool EmulatorAliveAfterDown { get; private set; }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        _argv = ProcessArguments.Start();
        FirstDeploy = await RunAsync("--target=Deploy", "--env=local", "--auto-approve");
        var outputsFile = Path.Combine(ArtifactsDirectory, "local", "outputs.json");
        if (File.Exists(outputsFile))
        {
            Outputs = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(outputsFile))!;
        }

        if (Outputs.TryGetValue("aws_endpoint_url", out var deployedAt))
        {
            Administrator = LocalAdministrator.Read(new Uri(deployedAt), StateDirectory);
            DummyKeysAnswer = await DummyKeysAsync(new Uri(deployedAt));
        }

        SecondDeploy = await RunAsync("--target=Deploy", "--env=local", "--auto-approve");
        Status = await RunAsync("--target=Status", "--env=local", "--hours=2");
        var statusPage = Path.Combine(ArtifactsDirectory, "local", "status.html");
        StatusPage = File.Exists(statusPage) ? File.ReadAllText(statusPage) : "";

        if (Outputs.TryGetValue("aws_endpoint_url", out var endpointUrl))
        {
            await RollBackAsync(new Uri(endpointUrl), outputsFile);
        }

        ReconcileQuery = await ReconcileQueryRun.RunAsync(Outputs, _root, args => RunAsync(args), AdministratorClients(null));

        if (File.Exists(outputsFile))
        {
            RedriveReplay = await RedriveReplayRuns.RunAsync(outputsFile, RunAsync, AdministratorClients);
        }

        if (Administrator is not null && DeployRoleEnvironment(new Uri(Outputs["aws_endpoint_url"])) is { } deployRole)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            PolicySample = DeployPolicySample.Run(Outputs, Administrator.Environment, deployRole);
            BuildSh.WriteFigures("Deploy.Tests.deploy-policy-sample.txt", $"{PolicySample.Rows.Count} actions in {clock.Elapsed.TotalSeconds:0.0} s{Environment.NewLine}{PolicySample.Table()}");
        }

        // The deployed environment's terraform files, before Destroy and Down remove them. The provider
        // binaries (.terraform/) and the published processor (image/) are not the build's writing.
        Secrets.Folder("state", StateDirectory, file =>
            !file.Contains($"{Path.DirectorySeparatorChar}.terraform{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            && !file.Contains($"{Path.DirectorySeparatorChar}image{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            && !file.Contains($"{Path.DirectorySeparatorChar}build{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            && Path.GetFileName(file) is not ("admin-credentials.json" or "deploy-session.json"));

        RefusedDestroy = await RunAsync("--target=Destroy");
        Destroy = await RunAsync("--target=Destroy", "--force-destroy-data");
        if (Outputs.TryGetValue("aws_endpoint_url", out var endpoint))
        {
            LeftAfterDestroy = await EmulatorInventory.ReadAsync(new Uri(endpoint), Administrator?.Environment);
            EmulatorAliveBeforeDown = await EmulatorInventory.AnswersAsync(new Uri(endpoint));
        }

        Down = await RunAsync("--target=Down");
        if (Outputs.TryGetValue("aws_endpoint_url", out endpoint))
        {
            EmulatorAliveAfterDown = await EmulatorInventory.AnswersAsync(new Uri(endpoint));
        }

        await _argv.DisposeAsync();
        ScanEverythingButState();

        // Kept beside the test results, for the figures a release note quotes.
        BuildSh.WriteFigures("Deploy.Tests.lifecycle.txt",
            $"first deploy {FirstDeploy.Duration.TotalSeconds:0.0} s, second deploy {SecondDeploy.Duration.TotalSeconds:0.0} s, " +
            $"ratio {SecondDeploy.Duration / FirstDeploy.Duration:0.00}, destroy {Destroy.Duration.TotalSeconds:0.0} s, " +
            $"rollback refused {NothingToRollBack?.Duration.TotalSeconds:0.0} s, deploy of B {DeployB?.Duration.TotalSeconds:0.0} s, " +
            $"rollback {Rollback?.Duration.TotalSeconds:0.0} s");
    }

    /// <summary>
    /// Deploy B, then Rollback, on the environment the deploys above made. B is A's manifest with
    /// another config (another source revision label): a different digest that exists in the
    /// registry, which is all Lambda and the rollback look at; the local runner processes with the
    /// same handler code either way. B goes in with --target=Infrastructure (the part of a Deploy
    /// that applies and records the image): the processor tests and Verify of a full Deploy ran twice above.
    /// </summary>
    private async Task RollBackAsync(Uri endpoint, string outputsFile)
    {
        var ecr = new Ecr(endpoint, Administrator?.Environment);
        var repositoryUrl = Outputs["ecr_repository_url"];
        var repository = repositoryUrl.Split('/', 2)[1];
        LifecyclePolicy = ecr.LifecyclePolicy(repository);
        ImageA = Outputs["processor_image_uri"];
        NothingToRollBack = await RunAsync("--target=Rollback");

        var manifest = JsonNode.Parse(ecr.Manifest(repository, ImageA[(ImageA.IndexOf('@') + 1)..]))!;
        var config = Encoding.UTF8.GetBytes("{\"config\":{\"Labels\":{\"org.opencontainers.image.revision\":\"b\"}}}");
        manifest["config"]!["digest"] = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(config));
        manifest["config"]!["size"] = config.Length;
        ImageB = $"{repositoryUrl}@{ecr.PutImage(repository, "release-b", manifest.ToJsonString())}";

        var function = Outputs["processor_function_name"];
        DeployB = await RunAsync("--target=Infrastructure", $"--image-uri={ImageB}");
        FunctionImageAfterB = await EmulatorInventory.FunctionImageAsync(endpoint, function, Administrator?.Environment);
        Rollback = await RunAsync("--target=Rollback");
        FunctionImageAfterRollback = await EmulatorInventory.FunctionImageAsync(endpoint, function, Administrator?.Environment);
        ImagesAfterRollback = ecr.Images(repository);
        OutputsAfterRollback = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(outputsFile))!;
    }

    /// <summary>The administrator's clients on <paramref name="endpoint"/> (the deployed one when null).</summary>
    private AwsClients AdministratorClients(Uri? endpoint) =>
        Administrator?.Clients ?? throw new InvalidOperationException("The first deploy left no administrator keys, so the tests cannot call the emulator.");

    /// <summary>A request as every tool made it before enforcement: the dummy keys. The emulator must refuse it.</summary>
    private static async Task<string> DummyKeysAsync(Uri endpoint)
    {
        using var sqs = new AwsClients(AwsEndpoint.Emulator(endpoint, EmulatorCredentials.Region, EmulatorCredentials.AccessKeyId, EmulatorCredentials.SecretAccessKey), retries: 0).CreateSqs();
        try
        {
            await sqs.ListQueuesAsync(new Amazon.SQS.Model.ListQueuesRequest());
            return "accepted";
        }
        catch (AmazonServiceException refused)
        {
            return $"{refused.ErrorCode} ({(int)refused.StatusCode})";
        }
    }

    /// <summary>The deploy role's session as the build keeps it, as a CLI environment; null when there is none.</summary>
    private IReadOnlyDictionary<string, string>? DeployRoleEnvironment(Uri endpoint)
    {
        var file = Path.Combine(StateDirectory, "local", "deploy-session.json");
        if (!File.Exists(file))
        {
            return null;
        }

        using var keys = JsonDocument.Parse(File.ReadAllText(file));
        return new Dictionary<string, string>(EmulatorCredentials.Environment(endpoint))
        {
            ["AWS_ACCESS_KEY_ID"] = keys.RootElement.GetProperty("AccessKeyId").GetString()!,
            ["AWS_SECRET_ACCESS_KEY"] = keys.RootElement.GetProperty("SecretAccessKey").GetString()!,
            ["AWS_SESSION_TOKEN"] = keys.RootElement.GetProperty("SessionToken").GetString()!,
        };
    }

    /// <summary>The keys the build wrote while the emulator ran: the administrator's, and the deploy role session's it keeps.</summary>
    private void RememberSecrets()
    {
        var folder = Path.Combine(StateDirectory, "local");
        var admin = Path.Combine(folder, "admin-credentials.json");
        if (File.Exists(admin))
        {
            Secrets.Secret("the administrator's secret key", MotoAdminCredentials.Read(admin).SecretAccessKey);
        }

        var deploy = Path.Combine(folder, "deploy-session.json");
        if (File.Exists(deploy))
        {
            using var keys = JsonDocument.Parse(File.ReadAllText(deploy));
            var id = keys.RootElement.GetProperty("AccessKeyId").GetString();
            Secrets.Secret($"the deploy role session {id}'s secret key", keys.RootElement.GetProperty("SecretAccessKey").GetString()!);
            Secrets.Secret($"the deploy role session {id}'s token", keys.RootElement.GetProperty("SessionToken").GetString()!);
        }
    }

    private void ScanEverythingButState()
    {
        for (var i = 0; i < _runs.Count; i++)
        {
            Secrets.Text($"the output of build #{i + 1}", _runs[i].Output);
        }

        Secrets.Folder("artifacts", ArtifactsDirectory);
        Secrets.Folder("moto's logs", Path.Combine(StateDirectory, "local"), f => f.EndsWith(".log", StringComparison.Ordinal));
        Secrets.Text("moto's access log", File.Exists(AccessLogFile) ? File.ReadAllText(AccessLogFile) : "");
        foreach (var argv in _argv!.Seen)
        {
            Secrets.Text($"argv '{(argv.Length > 80 ? argv[..80] + "…" : argv)}'", argv);
        }
    }

    public async Task DisposeAsync()
    {
        if (_argv is not null)
        {
            await _argv.DisposeAsync();
        }

        // Down ran in InitializeAsync; if anything before it threw, make sure no emulator is left behind.
        if (Down is null)
        {
            await RunAsync("--target=Down");
        }

        Directory.Delete(_root, recursive: true);
    }

    private async Task<BuildShResult> RunAsync(params string[] args)
    {
        var run = await BuildSh.RunAsync(
            new Dictionary<string, string?>
            {
                ["AWS_ENDPOINT_URL"] = null,
                ["CI"] = "true",
                ["DATAPLATFORM_IAM_ENFORCEMENT"] = null,
            },
            [.. args, $"--state-dir={StateDirectory}", $"--artifacts-dir={ArtifactsDirectory}"]);
        _runs.Add(run);
        RememberSecrets();
        return run;
    }
}
