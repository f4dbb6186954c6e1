using Cake.Core;
using DataPlatform.Build.Aws;
using DataPlatform.Build.Host;
using DataPlatform.Build.Operations;
using DataPlatform.Build.Terraform;
using DataPlatform.Deployment.Contracts;
using DataPlatform.Deployment.Terraform;
using DataPlatform.Operations.Reconcile;

namespace DataPlatform.Build;

/// <summary>Every argument of the build, read once into typed properties; tasks never parse arguments.</summary>
public sealed class BuildContext : CakeContextAdapter
{
    public static IReadOnlyList<BuildFlag> Flags { get; } =
    [
        new("configuration", "Build configuration (default: Release).", "Release|Debug", ["Release", "Debug"], ShortName: "c"),
        new("test-filter", "Only tests matching this dotnet test --filter expression.", "EXPRESSION"),
        new("test-parallelism", "How many test projects run at once (default: 3).", "N"),
        new("full-clean", "Clean also deletes bin/ and obj/ (a from-scratch build)."),
        new("rerun-tests", "ProcessorTests (part of Deploy) runs even when it passed on this same source."),
        new("test-project", "Only test projects whose name contains this text.", "TEXT"),
        new("env", "The environment: terraform/environments/NAME.tfvars (default: local, the embedded emulator).", "NAME", ShortName: "e"),
        new("region", "AWS region (default: the environment's tfvars region, then AWS_REGION, then us-east-1).", "REGION"),
        new("profile", "AWS named profile (default: AWS_PROFILE).", "NAME"),
        new("auto-approve", "Apply without asking; required for a real environment when nobody can answer (CI)."),
        new("allow-data-loss", "Let a deploy destroy or replace the lake bucket, a queue or the registry."),
        new("allow-breaking-contracts", "Let Plan pass and a deploy apply contracts/ changes that break the deployed contracts (docs/contracts.md)."),
        new("force-destroy-data", "Let Destroy delete every object in the lake before removing it. Data is gone for good."),
        new("canaries", "How many canary events Verify sends (default: 5).", "N"),
        new("verify-timeout", "Seconds Verify waits for every canary to be in the lake (default: 120).", "SECONDS"),
        new("hours", "How many hours of the lake Status shows, the current one included (default: 24).", "N"),
        new("emulator-port", "Loopback port for the local emulator (default: a free one).", "PORT"),
        new("github-repository", "Access: the GitHub repository (OWNER/NAME) whose workflows get the roles (default: GITHUB_REPOSITORY, then the origin remote).", "OWNER/NAME"),
        new("no-plan-role", "Access: make no plan role (for an environment no pull request plans, such as prod)."),
        new(Local.LocalIamEnforcement.Flag, "local: check every request against IAM as AWS would (default: on); off is for debugging only.", "on|off", ["on", "off"]),
        new("image-uri", "Deploy this image (REPO@sha256:DIGEST) instead of building one, e.g. to promote what CI built.", "URI"),
        new("state-dir", "Where the build keeps machine-local state: emulator, local Terraform state (default: .state).", "DIR"),
        new("artifacts-dir", "Where outputs, plans and test results go (default: artifacts).", "DIR"),
        new("from", "Start: Replay's first quarantine day (YYYY-MM-DD, today, yesterday; default 6 days before --to); Reconcile's window (also an ISO 8601 time or an age like 2h; default an hour before --to); Query fetches partitions from its day on.", "TIME"),
        new("to", "End: Replay's last quarantine day (default today, UTC); Reconcile's window end, same forms as --from (default now).", "TIME"),
        new("reason", "Replay: only quarantined bodies whose error contains this text (case-insensitive), e.g. 'byte limit'.", "TEXT"),
        new("sql", "Query: the SQL to run over the lake's views (events: each event once; events_raw, quarantine, canaries).", "SQL"),
        new("file", "Query: a file holding the SQL to run (instead of --sql); Send: a file of event bodies, one JSON per line.", "FILE"),
        new("out", "Query: also write the rows to FILE.csv or FILE.parquet.", "FILE"),
        new("grace", "Compact: an hour is closed this long after it ends (default 1h, as COMPACTION_GRACE), e.g. 0, 30m, 2h.", "DURATION"),
        new("lookback", "Compact: drop event ids already compacted this far back (default 24h, as COMPACTION_LOOKBACK).", "DURATION"),
        new("max-hours", "Compact: at most this many hours in one run (default 24, as COMPACTION_MAX_HOURS).", "N"),
        new("now", "Compact: run as if it were this ISO 8601 time (which hours are closed, raw retention); default now.", "TIME"),
    ];

    private AwsSession? _aws;
    private StackPipeline? _stacks;
    private RepositoryContracts? _eventContracts;

    public BuildContext(ICakeContext context, BuildArguments arguments)
        : base(context)
    {
        RepositoryRoot = context.Environment.WorkingDirectory.FullPath;
        Target = arguments.Get("target", "Default");
        StateDirectory = Path.GetFullPath(arguments.Get("state-dir", ".state"), RepositoryRoot);
        ArtifactsDirectory = Path.GetFullPath(arguments.Get("artifacts-dir", "artifacts"), RepositoryRoot);
        ImageUri = arguments.Get("image-uri");
        if (ImageUri is not null && !ImageUri.Contains("@sha256:", StringComparison.Ordinal))
        {
            throw new BuildUsageException($"--image-uri={ImageUri} is not a digest reference: give REPOSITORY@sha256:DIGEST, so the deploy is exactly that image.");
        }

        BuildConfiguration = arguments.Get("configuration", "Release");
        TestFilter = arguments.Get("test-filter");
        TestProject = arguments.Get("test-project");
        IsDryRun = arguments.IsOn("dryrun");
        FullClean = arguments.IsOn("full-clean");
        RerunTests = arguments.IsOn("rerun-tests");
        TestParallelism = arguments.GetInt("test-parallelism", 3, 1, 16);
        Deployment = DeploymentTarget.Resolve(RepositoryRoot, arguments, System.Environment.GetEnvironmentVariables());
        AutoApprove = arguments.IsOn("auto-approve");
        GitHubRepository = arguments.Get("github-repository");
        NoPlanRole = arguments.IsOn("no-plan-role");
        AllowDataLoss = arguments.IsOn("allow-data-loss");
        AllowBreakingContracts = arguments.IsOn("allow-breaking-contracts");
        ForceDestroyData = arguments.IsOn("force-destroy-data");
        Canaries = arguments.GetInt("canaries", 5, 1, 10_000);
        VerifyTimeout = TimeSpan.FromSeconds(arguments.GetInt("verify-timeout", 120, 5, 3600));
        StatusHours = ReadStatusHours(arguments);
        EmulatorPort = arguments.Has("emulator-port") ? arguments.GetInt("emulator-port", 0, 1024, 65535) : null;
        IamEnforcement = !string.Equals(arguments.Get(Local.LocalIamEnforcement.Flag, "on"), "off", StringComparison.OrdinalIgnoreCase);
        IsInteractive = !IsCi && !Console.IsInputRedirected;
        var now = DateTimeOffset.UtcNow;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        // Replay chooses quarantine partitions, which are whole days; Reconcile and Query take a time.
        if (string.Equals(Target, "Replay", StringComparison.OrdinalIgnoreCase))
        {
            ReplayTo = arguments.GetDate("to", today) ?? today;
            ReplayFrom = arguments.GetDate("from", today) ?? ReplayTo.AddDays(-6);
            if (ReplayFrom > ReplayTo)
            {
                throw new BuildUsageException($"--from={ReplayFrom:yyyy-MM-dd} is after --to={ReplayTo:yyyy-MM-dd}: give the earlier day as --from.");
            }

            Window = TimeWindowFlags.Parse(null, null, now);
        }
        else
        {
            ReplayTo = today;
            ReplayFrom = today.AddDays(-6);
            Window = TimeWindowFlags.Parse(arguments.Get("from"), arguments.Get("to"), now);
        }

        ReplayReason = arguments.Get("reason");
        QueryFromDate = arguments.Has("from") ? DateOnly.FromDateTime(Window.From.UtcDateTime) : null;
        (QuerySql, QueryFile, QueryOut) = QueryFlags.Parse(arguments.Get("sql"), arguments.Get("file"), arguments.Get("out"), RepositoryRoot);
        Compact = CompactFlags.Parse(arguments);
    }

    /// <summary>Compact's flags: overrides of the compaction defaults, and the time to run as.</summary>
    public CompactFlags Compact { get; }

    public string RepositoryRoot { get; }

    public string BuildConfiguration { get; }

    public string? TestFilter { get; }

    public string? TestProject { get; }

    public bool IsDryRun { get; }

    public bool FullClean { get; }

    /// <summary>--rerun-tests: ProcessorTests runs even when it passed on this same source.</summary>
    public bool RerunTests { get; }

    public int TestParallelism { get; }

    /// <summary>Which environment, region, profile and endpoint the deploy targets talk to.</summary>
    public DeploymentTarget Deployment { get; }

    public bool AutoApprove { get; }

    /// <summary>Access: --github-repository, or null to find it (GITHUB_REPOSITORY, the origin remote).</summary>
    public string? GitHubRepository { get; }

    /// <summary>Access: --no-plan-role.</summary>
    public bool NoPlanRole { get; }

    public bool AllowDataLoss { get; }

    public bool ForceDestroyData { get; }

    /// <summary>Plan and Deploy accept contract changes that break the deployed contracts.</summary>
    public bool AllowBreakingContracts { get; }

    /// <summary>The repository's contracts/, read (and checked) once.</summary>
    public RepositoryContracts EventContracts => _eventContracts ??= RepositoryContracts.Read(RepositoryRoot);

    public int Canaries { get; }

    public TimeSpan VerifyTimeout { get; }

    public int? EmulatorPort { get; }

    /// <summary>The local emulator checks every request against IAM (on unless --iam-enforcement=off).</summary>
    public bool IamEnforcement { get; }

    /// <summary>Replay's first and last quarantine <c>dt</c> (UTC days, both included).</summary>
    public DateOnly ReplayFrom { get; }

    public DateOnly ReplayTo { get; }

    /// <summary>Replay: a fragment of the quarantine error to choose by; null chooses every reason.</summary>
    public string? ReplayReason { get; }

    /// <summary>Reconcile's window (--from/--to; the last hour by default).</summary>
    public ReconcileWindow Window { get; }

    /// <summary>Query reads partitions from this day on when --from is given; null reads every day.</summary>
    public DateOnly? QueryFromDate { get; }

    /// <summary>Query's SQL as given with --sql, or null.</summary>
    public string? QuerySql { get; }

    /// <summary>Query's --file, a full path, or null.</summary>
    public string? QueryFile { get; }

    /// <summary>Query's --out, a full path ending in .csv or .parquet, or null.</summary>
    public string? QueryOut { get; }

    /// <summary>How many hours of the lake Status shows (--hours).</summary>
    public int StatusHours { get; }

    public static int ReadStatusHours(BuildArguments arguments) =>
        arguments.GetInt("hours", 24, 1, DataPlatform.Operations.Status.StatusRequest.MaxHours);

    /// <summary>Somebody can answer a question: not CI, and standard input is a terminal.</summary>
    public bool IsInteractive { get; }

    public static bool IsCi => !string.IsNullOrEmpty(System.Environment.GetEnvironmentVariable("CI"))
        && !string.Equals(System.Environment.GetEnvironmentVariable("CI"), "false", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The AWS of the chosen environment, set by the Up task (it starts the local emulator or checks
    /// credentials); tasks that talk to AWS depend on Up.
    /// </summary>
    public AwsSession Aws
    {
        get => _aws ?? throw new InvalidOperationException("No AWS session yet: a task that talks to AWS must depend on the Up task.");
        set => _aws = value;
    }

    /// <summary>The environment's Terraform stacks; available once <see cref="Aws"/> is.</summary>
    public StackPipeline Stacks => _stacks ??= new StackPipeline(new StackPipelineOptions
    {
        RepositoryRoot = RepositoryRoot,
        StateRoot = StateDirectory,
        Environment = Deployment.Settings,
        Aws = new AwsConnection(Aws.Region, Aws.Endpoint, Aws.ProcessEnvironment().ToDictionary(kv => kv.Key, kv => (string?)kv.Value)),
        Terraform = TerraformCli.Find(),
        Log = new CakeDeploymentLog(Log),
        Approval = new ChangeApproval(
            new ApprovalPolicy(Deployment.Name, Deployment.UsesEmbeddedEmulator, AutoApprove, IsInteractive), Console.ReadLine, Console.Out),
        AllowDataLoss = AllowDataLoss,
        EventContracts = EventContracts,
        AllowBreakingContracts = AllowBreakingContracts,
        ImageUri = () => ImageUri,
    });

    /// <summary><c>artifacts/&lt;env&gt;/</c>: outputs and plan summaries of one environment.</summary>
    public string EnvironmentArtifactsDirectory => Path.Combine(ArtifactsDirectory, Deployment.Name);

    /// <summary><c>.state/&lt;env&gt;/</c>.</summary>
    public string EnvironmentStateDirectory => Path.Combine(StateDirectory, Deployment.Name);

    public string Solution => Path.Combine(RepositoryRoot, "DataPlatform.slnx");

    public string ArtifactsDirectory { get; }

    /// <summary>The target named on the command line.</summary>
    public string Target { get; }

    /// <summary>The image the compute stack deploys: given with --image-uri, or set by the Image task.</summary>
    public string? ImageUri { get; set; }

    public string TestResultsDirectory => Path.Combine(ArtifactsDirectory, "test-results");

    /// <summary>Machine-local state the build keeps between runs (emulator, local Terraform state); git-ignored.</summary>
    public string StateDirectory { get; }
}
