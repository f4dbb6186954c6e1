using System.Diagnostics;
using System.Text;

namespace DataPlatform.Reliability.Tests.Environment;

/// <summary>
/// Runs <c>./build.sh</c> as a child process, exactly as a developer would, with extra environment
/// variables, capturing its whole output; while it runs, every process's argv on the machine is
/// sampled so the security checks can prove no secret was ever passed on a command line.
/// </summary>
public sealed class BuildRun
{
    /// <summary>
    /// Only a guard against a hung build: two cores running three test assemblies' deploys at once
    /// have taken a deploy past 15 minutes, and CI's own limit is 90.
    /// </summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(45);

    private BuildRun(int exitCode, string output, IReadOnlyCollection<string> commandLines, TimeSpan elapsed, TimeSpan? killedAfter)
    {
        KilledAfter = killedAfter;
        ExitCode = exitCode;
        Output = output;
        CommandLines = commandLines;
        Elapsed = elapsed;
    }

    public int ExitCode { get; }

    public string Output { get; }

    /// <summary>Distinct argv strings (NUL-separated arguments joined by spaces) seen while the build ran.</summary>
    public IReadOnlyCollection<string> CommandLines { get; }

    public TimeSpan Elapsed { get; }

    /// <summary>Set when the build outlived its timeout and was killed (its exit code is then the kill's, 137).</summary>
    public TimeSpan? KilledAfter { get; }

    /// <summary>The exit code, and the timeout when the build was killed for outliving it.</summary>
    public string Outcome => KilledAfter is { } after
        ? $"exit {ExitCode}: killed after outliving its {after.TotalMinutes:0}-minute timeout"
        : $"exit {ExitCode}";

    /// <summary>
    /// Runs the build. <paramref name="whileRunning"/> is polled every 100 ms with the argv seen so far
    /// and the build's pid: a fault test uses it to kill something at the right moment.
    /// </summary>
    public static async Task<BuildRun> StartAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment,
        Func<IReadOnlyList<string>, Task>? whileRunning = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot.Path, "build.sh"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        var output = new StringBuilder();
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var limit = timeout ?? DefaultTimeout;
        var deadline = DateTime.UtcNow + limit;
        TimeSpan? killedAfter = null;
        while (!process.HasExited)
        {
            var now = ProcessTable.CommandLines();
            seen.UnionWith(now);
            if (whileRunning is not null)
            {
                await whileRunning(now);
            }

            if (DateTime.UtcNow > deadline)
            {
                process.Kill(entireProcessTree: true);
                killedAfter = limit;
                break;
            }

            await Task.Delay(100);
        }

        await process.WaitForExitAsync();
        string text;
        lock (output)
        {
            text = output.ToString();
        }

        return new BuildRun(process.ExitCode, text, seen, clock.Elapsed, killedAfter);
    }

    /// <summary>The last lines of the output, for assertion messages.</summary>
    public string Tail(int lines = 40) => string.Join('\n', Output.Split('\n').TakeLast(lines));
}
