using System.Diagnostics;
using System.Text.Json;
using DataPlatform.Emulator;
using DataPlatform.Reliability.Tests.Environment;
using Xunit.Abstractions;

namespace DataPlatform.Reliability.Tests.Scenarios;

/// <summary>
/// Faults on the build side, on a deployment of its own (own state folder, own emulator started by
/// the build, no AWS_ENDPOINT_URL) scoped to the registry stack so that a real apply can be
/// interrupted and rerun within CI time: the emulator dies mid-apply, terraform is killed
/// mid-apply, a rerun converges, and a held state lock gets a message that names it.
/// </summary>
[Collection(DeployedCollection.Name)]
public sealed class BuildFaultTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("reliability-build-").FullName;

    private string StateDirectory => Path.Combine(_root, "state");

    private string[] Common => [$"--state-dir={StateDirectory}", $"--artifacts-dir={Path.Combine(_root, "artifacts")}", "--verbosity=normal"];

    /// <summary>The build starts its own emulator: no AWS_ENDPOINT_URL, dummy keys only.</summary>
    private static Dictionary<string, string?> BuildEnvironment() => new()
    {
        ["AWS_ENDPOINT_URL"] = null,
        ["AWS_ACCESS_KEY_ID"] = EmulatorCredentials.AccessKeyId,
        ["AWS_SECRET_ACCESS_KEY"] = EmulatorCredentials.SecretAccessKey,
        ["AWS_REGION"] = EmulatorCredentials.Region,
        ["AWS_PROFILE"] = null,
    };

    [Fact]
    public async Task Interrupted_applies_and_a_dead_emulator_recover_and_a_held_lock_is_named()
    {
        var clock = Stopwatch.StartNew();
        try
        {
            // 1. The emulator dies while terraform applies: the deploy fails, and says so.
            int? killedEmulator = null;
            var emulatorDied = await BuildRun.StartAsync(["--target=Registry", .. Common], BuildEnvironment(), _ =>
            {
                if (killedEmulator is null && ApplyIsRunning() && ReadRecord() is { } record)
                {
                    killedEmulator = record.ProcessId;
                    KillProcess(record.ProcessId);
                }

                return Task.CompletedTask;
            });
            output.WriteLine($"[emulator killed mid-apply] exit {emulatorDied.ExitCode}, {emulatorDied.Elapsed.TotalSeconds:0} s");
            Assert.True(killedEmulator is not null, "terraform apply never started, so nothing was interrupted.\n" + emulatorDied.Tail());
            Assert.NotEqual(0, emulatorDied.ExitCode);

            // 2. The next run finds the recorded emulator gone and starts fresh; this time terraform
            //    itself is killed in the middle of its apply.
            var killedTerraform = 0;
            var terraformKilled = await BuildRun.StartAsync(["--target=Registry", .. Common], BuildEnvironment(), _ =>
            {
                if (killedTerraform == 0 && ApplyProcesses() is [var pid, ..])
                {
                    killedTerraform = pid;
                    KillProcess(pid);
                }

                return Task.CompletedTask;
            });
            output.WriteLine($"[terraform killed mid-apply] exit {terraformKilled.ExitCode}, {terraformKilled.Elapsed.TotalSeconds:0} s");
            Assert.Contains("is gone", terraformKilled.Output, StringComparison.Ordinal);
            Assert.NotEqual(killedEmulator, ReadRecord()?.ProcessId);
            Assert.True(killedTerraform != 0, "terraform apply never started in the second run.\n" + terraformKilled.Tail());
            Assert.NotEqual(0, terraformKilled.ExitCode);

            // 3. A plain rerun converges: it succeeds, and the registry exists exactly once.
            var rerun = await BuildRun.StartAsync(["--target=Registry", .. Common], BuildEnvironment());
            output.WriteLine($"[rerun] exit {rerun.ExitCode}, {rerun.Elapsed.TotalSeconds:0} s");
            Assert.True(rerun.ExitCode == 0, "The rerun after an interrupted apply did not converge.\n" + rerun.Tail());
            var repositories = await RepositoriesAsync(ReadRecord()!.Value.Endpoint);
            Assert.Single(repositories);

            // 4. Another run holds the registry stack's state lock: the build names the lock and says what to do.
            var stateFile = Directory.EnumerateFiles(StateDirectory, "terraform.tfstate", SearchOption.AllDirectories)
                .Single(f => Path.GetFileName(Path.GetDirectoryName(f)) == "registry");
            using (var holder = StateLockHolder.Hold(stateFile))
            {
                var locked = await BuildRun.StartAsync(["--target=Registry", .. Common], BuildEnvironment());
                output.WriteLine($"[state lock held] exit {locked.ExitCode}, {locked.Elapsed.TotalSeconds:0} s");
                Assert.NotEqual(0, locked.ExitCode);
                Assert.Contains("state is locked", locked.Output, StringComparison.Ordinal);
                Assert.Contains("force-unlock", locked.Output, StringComparison.Ordinal);
            }

            output.WriteLine($"build-side faults: {clock.Elapsed.TotalSeconds:0} s in all");
        }
        finally
        {
            // Stop the emulator this test's builds started (Down reads the same state folder).
            var down = await BuildRun.StartAsync(["--target=Down", .. Common], BuildEnvironment(), timeout: TimeSpan.FromMinutes(2));
            output.WriteLine($"[down] exit {down.ExitCode}");
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder the OS will clean.
        }
    }

    private List<int> ApplyProcesses() => ProcessTable.Find("terraform", "apply", StateDirectory);

    private bool ApplyIsRunning() => ApplyProcesses().Count > 0;

    private (string Endpoint, int ProcessId)? ReadRecord()
    {
        var file = Directory.Exists(StateDirectory)
            ? Directory.EnumerateFiles(StateDirectory, "emulator.json", SearchOption.AllDirectories).FirstOrDefault()
            : null;
        if (file is null)
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            var properties = json.RootElement.EnumerateObject().ToDictionary(p => p.Name.ToUpperInvariant(), p => p.Value);
            return (properties["ENDPOINT"].GetString()!, properties["PROCESSID"].GetInt32());
        }
        catch (Exception exception) when (exception is IOException or JsonException)
        {
            return null;
        }
    }

    private static void KillProcess(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
    }

    /// <summary>
    /// The build's emulator enforces IAM, so the dummy keys are refused: the listing goes as the
    /// emulator's administrator, whose keys the build keeps beside its emulator record.
    /// </summary>
    private async Task<List<string>> RepositoriesAsync(string endpoint)
    {
        var record = Directory.EnumerateFiles(StateDirectory, "emulator.json", SearchOption.AllDirectories).First();
        var administrator = MotoAdminCredentials.Read(Path.Combine(Path.GetDirectoryName(record)!, "admin-credentials.json"));
        var start = new ProcessStartInfo("aws") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "ecr", "describe-repositories", "--query", "repositories[].repositoryName", "--output", "json" })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in administrator.Environment(new Uri(endpoint)))
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var text = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"aws ecr describe-repositories failed (exit {process.ExitCode}): {error}");
        return JsonSerializer.Deserialize<List<string>>(text) ?? [];
    }
}
