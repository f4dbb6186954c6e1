using System.Diagnostics;
using System.Globalization;
using DataPlatform.Emulator;

namespace DataPlatform.Operations.Tests.Query;

/// <summary>
/// The compaction engine running in a process of its own (tests/CompactionProcess), so a test can kill it for real,
/// at a moment it chooses, and start it again. Output is kept for the test's log.
/// </summary>
public sealed class CompactionChild : IDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _output = new();

    private CompactionChild(Process process) => _process = process;

    public static CompactionChild Start(Uri endpoint, string bucket, DateTime now, string rawRetention)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     Path.Combine(AppContext.BaseDirectory, "CompactionProcess.dll"), endpoint.ToString(), bucket,
                     now.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), rawRetention,
                 })
        {
            start.ArgumentList.Add(argument);
        }

        // The emulator's dummy keys, passed as the SDK reads them, not on the command line.
        start.Environment["AWS_ACCESS_KEY_ID"] = EmulatorCredentials.AccessKeyId;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = EmulatorCredentials.SecretAccessKey;
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start CompactionProcess.");
        var child = new CompactionChild(process);
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>SIGKILL to the process: no cleanup, no flush, as a crash or a Lambda timeout would stop it.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancellation.Token);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
