using System.Diagnostics;

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
    public async Task Tree_lists_the_targets()
    {
        var (exitCode, output) = await BuildShAsync("--tree");

        Assert.Equal(0, exitCode);
        Assert.Contains("Test", output);
        Assert.Contains("runs: Clean -> Restore -> Compile -> Test", output);
    }

    private static async Task<(int ExitCode, string Output)> BuildShAsync(params string[] args)
    {
        var startInfo = new ProcessStartInfo(Path.Combine(RepositoryRoot(), "build.sh"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["NO_COLOR"] = "1" },
        };
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
