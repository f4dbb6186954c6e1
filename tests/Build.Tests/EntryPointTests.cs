using System.Diagnostics;
using System.Text.RegularExpressions;
using DataPlatform.Deployment;

namespace DataPlatform.Build.Tests;

/// <summary>The real ./build.sh, as a person types it.</summary>
public sealed class EntryPointTests
{
    [Fact]
    public async Task An_unknown_target_exits_2_with_the_target_list()
    {
        var (exitCode, output) = await BuildShAsync("--target=Nope");

        Assert.Equal(2, exitCode);
        Assert.Contains("There is no target named 'Nope'", output);
        Assert.Contains("Valid targets:", output);
        Assert.Contains("Compile", output);
    }

    [Fact]
    public async Task Test_dry_run_lists_clean_restore_compile_test_in_order_and_runs_nothing()
    {
        var (exitCode, output) = await BuildShAsync("--target=Test", "--dryrun");

        Assert.Equal(0, exitCode);
        var positions = new[] { "1. Clean", "2. Restore", "3. Compile", "4. Test" }.Select(s => output.IndexOf(s, StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p >= 0, output));
        Assert.Equal(positions.Order(), positions);
        Assert.DoesNotContain("Task                          Duration", output);
    }

    [Fact]
    public async Task Replay_with_a_day_that_is_not_a_date_exits_2_and_says_how_to_write_one()
    {
        var (exitCode, output) = await BuildShAsync("--target=Replay", "--from=2026-02-30", "--dryrun");

        Assert.Equal(2, exitCode);
        Assert.Contains("--from=2026-02-30 is not a day: give it as YYYY-MM-DD", output);
    }

    [Theory]
    [InlineData("Redrive", "count the messages in the dead-letter queue", "receive up to 10 at a time")]
    [InlineData("Replay", "quarantine/dt=2026-01-01/ to dt=2026-01-03/, only errors containing 'byte limit'", "operations/replayed/<quarantined message id>.json")]
    public async Task Operator_dry_runs_list_what_they_will_touch_and_run_nothing(string target, string step, string otherStep)
    {
        var (exitCode, output) = await BuildShAsync($"--target={target}", "--from=2026-01-01", "--to=2026-01-03", "--reason=byte limit",
            "--dryrun", $"--artifacts-dir={Path.Combine(Path.GetTempPath(), "dp-no-artifacts")}");

        Assert.Equal(0, exitCode);
        Assert.Contains($"2. {target}", output);
        Assert.Contains(step, output);
        Assert.Contains(otherStep, output);
        Assert.DoesNotContain("Task                          Duration", output);
    }

    [Fact]
    public async Task Rollback_dry_run_picks_the_previous_digest_before_infrastructure_builds_nothing_and_verifies()
    {
        var (exitCode, output) = await BuildShAsync("--target=Rollback", "--dryrun");

        Assert.Equal(0, exitCode);
        // The dry run numbers its tasks one per line ("7. Verify"); ". Rollback" alone would also match ". RollbackTarget".
        var tasks = Regex.Matches(output, @"^\s*\d+\. (\w+)", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        string[] expected = ["RollbackTarget", "Image", "Infrastructure", "Outputs", "Verify", "Rollback"];
        Assert.Equal(expected, tasks.Where(expected.Contains));
        Assert.Contains("nothing is built or pushed", output);
        Assert.DoesNotContain("docker buildx build", output);
        Assert.DoesNotContain("ProcessorTests", output);
        Assert.Contains("previous-<time>", output);
    }

    [Fact]
    public async Task Plan_says_it_checks_contracts_and_the_flag_that_lets_a_breaking_change_through_is_known()
    {
        var (exitCode, output) = await BuildShAsync("--target=Plan", "--dryrun", "--allow-breaking-contracts");
        var (helpExitCode, help) = await BuildShAsync("--help");

        Assert.Equal(0, exitCode);
        Assert.Contains("compare contracts/ with the compute stack's output event_contracts (the deployed contracts); a breaking change fails Plan unless --allow-breaking-contracts", output);
        Assert.Equal(0, helpExitCode);
        Assert.Contains("--allow-breaking-contracts", help);
        Assert.Contains("DATAPLATFORM_ALLOW_BREAKING_CONTRACTS", help);
    }

    [Fact]
    public async Task Tree_lists_the_targets()
    {
        var (exitCode, output) = await BuildShAsync("--tree");

        Assert.Equal(0, exitCode);
        Assert.Contains("Test", output);
        Assert.Contains("runs: Clean -> Restore -> Compile -> Test", output);
        Assert.Contains("runs: Up -> RollbackTarget -> StateBucket -> Registry -> Image -> Infrastructure -> Outputs -> Verify -> Rollback", output);
    }

    [Fact]
    public async Task Output_to_a_pipe_is_plain_text_even_where_TERM_names_a_colour_terminal()
    {
        var (exitCode, output) = await RunAsync(
            Path.Combine(RepositoryRoot(), "build.sh"), ["--target=Info"], new() { ["TERM"] = "xterm-256color", ["NO_COLOR"] = null });

        Assert.Equal(0, exitCode);
        Assert.Contains("Repository:", output);
        Assert.DoesNotContain("\u001b", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "xterm-256color", true)]
    [InlineData("1", "xterm-256color", false)]
    [InlineData(null, "dumb", false)]
    public async Task On_a_terminal_the_output_is_coloured_unless_NO_COLOR_or_a_dumb_TERM_says_not(string? noColor, string term, bool coloured)
    {
        // util-linux's script gives the build a pseudo-terminal and copies what it shows to our pipe.
        var script = ExecutableSearch.Find("script")
            ?? throw new InvalidOperationException("This test needs util-linux's `script` (apt-get install bsdutils) to give the build a terminal.");
        var command = $"'{Path.Combine(RepositoryRoot(), "build.sh")}' --target=Info";

        var (exitCode, output) = await RunAsync(script, ["-qec", command, "/dev/null"], new() { ["TERM"] = term, ["NO_COLOR"] = noColor });

        Assert.Equal(0, exitCode);
        Assert.Contains("Repository:", output);
        // A colour is an SGR sequence (ESC [ ... m); the terminal's keypad mode switch is not one.
        Assert.True(Regex.IsMatch(output, "\u001b\\[[0-9;]*m") == coloured, output);
    }

    private static Task<(int ExitCode, string Output)> BuildShAsync(params string[] args) =>
        RunAsync(Path.Combine(RepositoryRoot(), "build.sh"), args, new() { ["NO_COLOR"] = "1" });

    /// <summary>Runs <paramref name="program"/> with its output to pipes; a null in <paramref name="environment"/> unsets that variable.</summary>
    private static async Task<(int ExitCode, string Output)> RunAsync(string program, string[] args, Dictionary<string, string?> environment)
    {
        var startInfo = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        using var process = Process.Start(startInfo)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "DataPlatform.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The tests run outside the repository.");
    }
}
