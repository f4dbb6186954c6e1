using DataPlatform.Emulator;

namespace DataPlatform.Deploy.Tests.Pipeline;

/// <summary>
/// The dry run a new user tries first, end to end (issue 16): the real ./build.sh --target=Plan
/// against a fresh emulator with fresh state, then the registry stack alone applied, then Plan
/// again (partial upstream). What the emulator held is read before and after each step.
/// </summary>
public sealed class FreshPlan : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("dp-fresh-plan-").FullName;
    private MotoServer? _moto;

    public BuildShResult FirstPlan { get; private set; } = null!;

    public BuildShResult Registry { get; private set; } = null!;

    public BuildShResult SecondPlan { get; private set; } = null!;

    /// <summary>plan-summary.md after each Plan.</summary>
    public string FirstSummary { get; private set; } = "";

    public string SecondSummary { get; private set; } = "";

    /// <summary>What the emulator held, service by service: before anything, after each step.</summary>
    public IReadOnlyDictionary<string, string> Before { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> AfterFirstPlan { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> AfterRegistry { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> AfterSecondPlan { get; private set; } = new Dictionary<string, string>();

    private string SummaryFile => Path.Combine(_root, "artifacts", "local", "plan-summary.md");

    public async Task InitializeAsync()
    {
        _moto = await MotoServer.StartAsync();
        Before = await EmulatorInventory.ReadAsync(_moto.Endpoint);

        FirstPlan = await RunAsync("--target=Plan");
        FirstSummary = File.Exists(SummaryFile) ? File.ReadAllText(SummaryFile) : "";
        AfterFirstPlan = await EmulatorInventory.ReadAsync(_moto.Endpoint);

        Registry = await RunAsync("--target=Registry", "--auto-approve");
        AfterRegistry = await EmulatorInventory.ReadAsync(_moto.Endpoint);

        if (File.Exists(SummaryFile))
        {
            File.Delete(SummaryFile);
        }
        SecondPlan = await RunAsync("--target=Plan");
        SecondSummary = File.Exists(SummaryFile) ? File.ReadAllText(SummaryFile) : "";
        AfterSecondPlan = await EmulatorInventory.ReadAsync(_moto.Endpoint);

        // Kept beside the test results: how long a dry run takes here.
        BuildSh.WriteFigures("Deploy.Tests.fresh-plan.txt",
            $"fresh plan {FirstPlan.Duration.TotalSeconds:0.0} s, registry apply {Registry.Duration.TotalSeconds:0.0} s, " +
            $"plan with the registry applied {SecondPlan.Duration.TotalSeconds:0.0} s");
    }

    public async Task DisposeAsync()
    {
        if (_moto is not null)
        {
            await _moto.DisposeAsync();
        }

        Directory.Delete(_root, recursive: true);
    }

    /// <summary>The summary row of one stack: its cells after the stack's name.</summary>
    public static string[] Row(string summary, string stack) =>
        summary.Split('\n')
            .Select(line => line.Trim().Trim('|').Split('|').Select(cell => cell.Trim()).ToArray())
            .FirstOrDefault(cells => cells[0] == stack)?[1..]
        ?? throw new Xunit.Sdk.XunitException($"The plan summary has no row for {stack}:{Environment.NewLine}{summary}");

    // The emulator is the test's own, named the way a user names theirs: AWS_ENDPOINT_URL.
    private Task<BuildShResult> RunAsync(params string[] args) =>
        BuildSh.RunAsync(
            new Dictionary<string, string?> { ["AWS_ENDPOINT_URL"] = _moto!.Endpoint.ToString(), ["CI"] = "true" },
            [.. args, "--env=local", $"--state-dir={Path.Combine(_root, "state")}", $"--artifacts-dir={Path.Combine(_root, "artifacts")}"]);
}
