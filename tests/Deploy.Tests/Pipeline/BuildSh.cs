using System.Diagnostics;
using System.Text;

namespace DataPlatform.Deploy.Tests.Pipeline;

/// <summary>Runs ./build.sh as a person or CI would, with an environment the test controls.</summary>
public static class BuildSh
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>
    /// Only a guard against a hung build: a first deploy took 17 minutes on two cores shared with
    /// two other assemblies' deploys, and CI's own limit is 90.
    /// </summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(45);

    /// <summary>Keeps a line of figures beside the test results (artifacts/test-results/<paramref name="fileName"/>).</summary>
    public static void WriteFigures(string fileName, string line)
    {
        var results = Path.Combine(RepositoryRoot, "artifacts", "test-results");
        Directory.CreateDirectory(results);
        File.WriteAllText(Path.Combine(results, fileName), line + Environment.NewLine);
    }

    public static async Task<BuildShResult> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var startInfo = new ProcessStartInfo(Path.Combine(RepositoryRoot, "build.sh"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = RepositoryRoot,
        };
        startInfo.Environment["NO_COLOR"] = "1";
        foreach (var (key, value) in environment)
        {
            if (value is null)
            {
                startInfo.Environment.Remove(key);
            }
            else
            {
                startInfo.Environment[key] = value;
            }
        }

        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        var output = new StringBuilder();
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException(
                $"./build.sh {string.Join(' ', args)} outlived its {Timeout.TotalMinutes:0}-minute timeout and was killed. Output so far:\n{output}");
        }

        process.WaitForExit();
        return new BuildShResult(process.ExitCode, output.ToString(), clock.Elapsed);
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "DataPlatform.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The tests run outside the repository.");
    }
}
