using System.Diagnostics;
using System.Text;
using DataPlatform.Deployment.Terraform;

namespace DataPlatform.Infrastructure.Tests.Terraform;

/// <summary>What one terraform command did.</summary>
/// <param name="Output">Standard output and error as they interleaved, for people.</param>
/// <param name="StandardOutput">Standard output alone, for machine-readable results (-json).</param>
public sealed record TerraformResult(string Command, int ExitCode, string Output, string StandardOutput, TimeSpan Elapsed)
{
    /// <summary>A message for a failed assertion: the command, its exit code and the end of its output.</summary>
    public string Describe()
    {
        const int tail = 6000;
        var output = Output.Length > tail ? "…" + Output[^tail..] : Output;
        return $"`terraform {Command}` exited with {ExitCode} after {Elapsed.TotalSeconds:0.0} s:\n{output}";
    }
}

/// <summary>Runs the real terraform binary, offline-capable through the shared CLI config.</summary>
public static class TerraformProcess
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    // A developer's profile or session must never leak into runs against the emulator.
    private static readonly string[] VariablesToClear =
        ["AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_ENDPOINT_URL", "TF_WORKSPACE", "TF_CLI_ARGS"];

    public static async Task<TerraformResult> RunAsync(
        string workingDirectory,
        IReadOnlyList<string> arguments,
        IReadOnlyDictionary<string, string> environment,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        var startInfo = new ProcessStartInfo("terraform")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var name in VariablesToClear)
        {
            startInfo.Environment.Remove(name);
        }

        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }

        var output = new StringBuilder();
        var standardOutput = new StringBuilder();
        var stopwatch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) =>
        {
            Append(output, e.Data);
            Append(standardOutput, e.Data);
        };
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException("terraform could not be started. Install Terraform ≥ 1.5 and put it on PATH.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout ?? DefaultTimeout);
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            Append(output, $"[killed after {stopwatch.Elapsed.TotalSeconds:0} s: timeout or cancellation]");
            return new TerraformResult(string.Join(' ', arguments), -1, Snapshot(output), Snapshot(standardOutput), stopwatch.Elapsed);
        }

        return new TerraformResult(string.Join(' ', arguments), process.ExitCode, Snapshot(output), Snapshot(standardOutput), stopwatch.Elapsed);
    }

    /// <summary>
    /// Environment for terraform in a directory outside any stack workspace (modules, fixtures):
    /// its own data directory and the offline CLI config when this machine needs one.
    /// </summary>
    public static IReadOnlyDictionary<string, string> IsolatedEnvironment(string dataDirectory)
    {
        var environment = new Dictionary<string, string>
        {
            ["TF_DATA_DIR"] = dataDirectory,
            ["TF_IN_AUTOMATION"] = "1",
            ["TF_INPUT"] = "0",
        };
        foreach (var (key, value) in TerraformCliConfig.OfflineEnvironment(Path.GetDirectoryName(dataDirectory)!))
        {
            environment[key] = value;
        }

        return environment;
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

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
