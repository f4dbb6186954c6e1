using System.Diagnostics;
using System.Text.Json;
using Amazon.S3;
using Amazon.SQS;
using DataPlatform.Emulator;
using DataPlatform.Aws;
using DataPlatform.Processor.Configuration;

namespace DataPlatform.Reliability.Tests.Environment;

/// <summary>
/// The local environment, deployed once per test run by the real build (real Terraform against a
/// moto server this fixture owns), in temporary state and artifact folders so a developer's own
/// .state/ is never touched. Scenarios share it and keep apart by event type.
/// </summary>
public sealed class DeployedEnvironment : IAsyncLifetime
{
    private string _root = "";

    /// <summary>A secret no one would type: if it shows up in a log or an argv, a secret leaked.</summary>
    public string CanarySecret { get; } = "RelSecret" + Guid.NewGuid().ToString("N");

    public MotoServer Moto { get; private set; } = null!;

    public Uri Endpoint => Moto.Endpoint;

    /// <summary>Clients on <paramref name="endpoint"/> (moto itself, or a fault proxy in front of it), from the kit's one factory.</summary>
    public AwsClients Clients(Uri? endpoint = null) =>
        new(AwsEndpoint.Emulator(endpoint ?? Endpoint, EmulatorCredentials.Region, EmulatorCredentials.AccessKeyId, EmulatorCredentials.SecretAccessKey));

    public IAmazonS3 S3 { get; private set; } = null!;

    public IAmazonSQS Sqs { get; private set; } = null!;

    public string Bucket { get; private set; } = "";

    public string QueueUrl { get; private set; } = "";

    public string DeadLetterQueueUrl { get; private set; } = "";

    public IReadOnlyDictionary<string, string> Outputs { get; private set; } = new Dictionary<string, string>();

    /// <summary>Everything the deploy printed (Infrastructure then Outputs).</summary>
    public string DeployLog { get; private set; } = "";

    /// <summary>Every argv seen on the machine while the deploy ran.</summary>
    public IReadOnlyCollection<string> DeployCommandLines { get; private set; } = [];

    public TimeSpan DeployTime { get; private set; }

    public string ScratchDirectory => _root;

    /// <summary>
    /// A shortcut for working on the scenarios: RELIABILITY_REUSE=&lt;moto endpoint&gt;,&lt;moto pid&gt;,&lt;state dir&gt; attaches
    /// to an environment an earlier Infrastructure run deployed there and only runs Outputs (the
    /// security checks then see that run alone). Unset, as in CI, everything is deployed fresh.
    /// </summary>
    public const string ReuseVariable = "RELIABILITY_REUSE";

    public async Task InitializeAsync()
    {
        _root = Directory.CreateTempSubdirectory("reliability-").FullName;
        var reuse = System.Environment.GetEnvironmentVariable(ReuseVariable)?.Split(',');
        var stateDirectory = Path.Combine(_root, "state");
        if (reuse is { Length: 3 })
        {
            Moto = await MotoServer.AttachAsync(new Uri(reuse[0]), int.Parse(reuse[1], System.Globalization.CultureInfo.InvariantCulture))
                ?? throw new InvalidOperationException($"{ReuseVariable}: nothing answers at {reuse[0]}.");
            stateDirectory = reuse[2];
        }
        else
        {
            Moto = await MotoServer.StartAsync(new MotoServerOptions { LogPath = Path.Combine(_root, "moto.log") });
        }

        S3 = Clients().CreateS3();
        Sqs = Clients().CreateSqs();

        var common = new[] { $"--state-dir={stateDirectory}", $"--artifacts-dir={Path.Combine(_root, "artifacts")}", "--verbosity=minimal" };
        var clock = Stopwatch.StartNew();
        var infrastructure = await BuildRun.StartAsync([reuse is { Length: 3 } ? "--target=Up" : "--target=Infrastructure", .. common], BuildEnvironment());
        var outputs = infrastructure.ExitCode == 0 ? await BuildRun.StartAsync(["--target=Outputs", .. common], BuildEnvironment()) : null;
        DeployTime = clock.Elapsed;
        DeployLog = infrastructure.Output + (outputs?.Output ?? "");
        DeployCommandLines = infrastructure.CommandLines.Concat(outputs?.CommandLines ?? []).ToHashSet(StringComparer.Ordinal);
        File.WriteAllText(Path.Combine(_root, "deploy.log"), DeployLog);
        if (infrastructure.ExitCode != 0 || outputs is not { ExitCode: 0 })
        {
            throw new InvalidOperationException(
                $"The local deploy failed (Infrastructure {infrastructure.Outcome}; Outputs {outputs?.Outcome ?? "not run"}); " +
                $"the reliability scenarios need it. Log: {Path.Combine(_root, "deploy.log")}\n{(outputs ?? infrastructure).Tail()}");
        }

        var file = Directory.EnumerateFiles(Path.Combine(_root, "artifacts"), "outputs.json", SearchOption.AllDirectories).First();
        using var json = JsonDocument.Parse(File.ReadAllText(file));
        Outputs = json.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString());
        Bucket = Outputs["lake_bucket"];
        QueueUrl = Outputs["ingest_queue_url"];
        DeadLetterQueueUrl = Outputs["dead_letter_queue_url"];
    }

    /// <summary>
    /// The build's environment: our moto, and the canary as the secret key (moto takes any key), so
    /// that the security checks can look for it everywhere the build could have leaked it.
    /// </summary>
    public IReadOnlyDictionary<string, string?> BuildEnvironment() => new Dictionary<string, string?>
    {
        ["AWS_ENDPOINT_URL"] = Endpoint.ToString().TrimEnd('/'),
        ["AWS_ACCESS_KEY_ID"] = EmulatorCredentials.AccessKeyId,
        ["AWS_SECRET_ACCESS_KEY"] = CanarySecret,
        ["AWS_REGION"] = EmulatorCredentials.Region,
        ["AWS_DEFAULT_REGION"] = EmulatorCredentials.Region,
        ["AWS_PROFILE"] = null,
        ["AWS_SESSION_TOKEN"] = null,
    };

    /// <summary>Processor settings on <paramref name="endpoint"/> (moto itself, or a fault proxy in front of it).</summary>
    public ProcessorSettings Settings(Uri? endpoint = null) => new()
    {
        Bucket = Bucket,
        Prefix = "",
        Region = EmulatorCredentials.Region,
        Endpoint = endpoint ?? Endpoint,
        LogLevel = LogLevel.Warning,
    };

    public async Task DisposeAsync()
    {
        S3?.Dispose();
        Sqs?.Dispose();
        if (Moto is not null)
        {
            await Moto.DisposeAsync();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Terraform's provider cache may still be closing; the temp folder is the OS's to clean.
        }
    }
}
