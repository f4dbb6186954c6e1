using System.Text.Json;

namespace DataPlatform.Deploy.Tests.Pipeline;

/// <summary>
/// The main job end to end, once per test run: Deploy on the embedded local environment (the
/// build starts its own moto), Deploy again, Destroy refused, Destroy with --force-destroy-data,
/// Down. Real terraform, real moto; each step's result is kept for the tests to judge.
/// </summary>
public sealed class LocalLifecycle : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"dp-lifecycle-{Guid.NewGuid():N}");

    public string StateDirectory => Path.Combine(_root, "state");

    public string ArtifactsDirectory => Path.Combine(_root, "artifacts");

    public BuildShResult FirstDeploy { get; private set; } = null!;

    public BuildShResult SecondDeploy { get; private set; } = null!;

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
        FirstDeploy = await RunAsync("--target=Deploy", "--env=local", "--auto-approve");
        var outputsFile = Path.Combine(ArtifactsDirectory, "local", "outputs.json");
        if (File.Exists(outputsFile))
        {
            Outputs = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(outputsFile))!;
        }

        SecondDeploy = await RunAsync("--target=Deploy", "--env=local", "--auto-approve");
        Status = await RunAsync("--target=Status", "--env=local", "--hours=2");
        var statusPage = Path.Combine(ArtifactsDirectory, "local", "status.html");
        StatusPage = File.Exists(statusPage) ? File.ReadAllText(statusPage) : "";
        RefusedDestroy = await RunAsync("--target=Destroy");
        Destroy = await RunAsync("--target=Destroy", "--force-destroy-data");
        if (Outputs.TryGetValue("aws_endpoint_url", out var endpoint))
        {
            LeftAfterDestroy = await EmulatorInventory.ReadAsync(new Uri(endpoint));
            EmulatorAliveBeforeDown = await EmulatorInventory.AnswersAsync(new Uri(endpoint));
        }

        Down = await RunAsync("--target=Down");
        if (Outputs.TryGetValue("aws_endpoint_url", out endpoint))
        {
            EmulatorAliveAfterDown = await EmulatorInventory.AnswersAsync(new Uri(endpoint));
        }

        // Kept beside the test results, for the figures a release note quotes.
        BuildSh.WriteFigures("Deploy.Tests.lifecycle.txt",
            $"first deploy {FirstDeploy.Duration.TotalSeconds:0.0} s, second deploy {SecondDeploy.Duration.TotalSeconds:0.0} s, " +
            $"ratio {SecondDeploy.Duration / FirstDeploy.Duration:0.00}, destroy {Destroy.Duration.TotalSeconds:0.0} s");
    }

    public async Task DisposeAsync()
    {
        // Down ran in InitializeAsync; if anything before it threw, make sure no emulator is left behind.
        if (Down is null)
        {
            await RunAsync("--target=Down");
        }

        Directory.Delete(_root, recursive: true);
    }

    private Task<BuildShResult> RunAsync(params string[] args) =>
        BuildSh.RunAsync(
            new Dictionary<string, string?> { ["AWS_ENDPOINT_URL"] = null, ["CI"] = "true" },
            [.. args, $"--state-dir={StateDirectory}", $"--artifacts-dir={ArtifactsDirectory}"]);
}
