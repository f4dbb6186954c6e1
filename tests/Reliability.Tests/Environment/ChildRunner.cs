using System.Diagnostics;
using System.Text;
using DataPlatform.Emulator;

namespace DataPlatform.Reliability.Tests.Environment;

/// <summary>
/// The local runner's console as its own process, so a crash test can kill it for real (SIGKILL:
/// no finally blocks, no flush, exactly what an out-of-memory kill or a lost host does).
/// </summary>
public sealed class ChildRunner : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ChildRunner(Process process)
    {
        _process = process;
    }

    public int ProcessId => _process.Id;

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

    public static ChildRunner Start(DeployedEnvironment environment, Uri endpoint, int batchSize)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(RunnerAssembly());
        foreach (var argument in new[]
        {
            "--queue-url", environment.QueueUrl, "--bucket", environment.Bucket, "--endpoint-url", endpoint.ToString().TrimEnd('/'),
            "--region", EmulatorCredentials.Region, "--batch-size", batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--until-empty", "--wait-time", "1", "--failed-visibility-timeout", "0", "--timeout", "300",
        })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in EmulatorCredentials.Environment(endpoint))
        {
            start.Environment[name] = value;
        }

        foreach (var name in EmulatorCredentials.VariablesToClear)
        {
            start.Environment.Remove(name);
        }

        var process = new Process { StartInfo = start };
        var runner = new ChildRunner(process);
        process.OutputDataReceived += (_, e) => runner.Append(e.Data);
        process.ErrorDataReceived += (_, e) => runner.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return runner;
    }

    /// <summary>SIGKILL, then wait until the process is really gone.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }

    /// <summary>The runner's assembly: copied next to the tests by the project reference, else the runner's own build output.</summary>
    private static string RunnerAssembly()
    {
        var local = Path.Combine(AppContext.BaseDirectory, "LocalRunner.dll");
        if (File.Exists(local) && File.Exists(Path.Combine(AppContext.BaseDirectory, "LocalRunner.runtimeconfig.json")))
        {
            return local;
        }

        return Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "src", "LocalRunner", "bin"), "LocalRunner.dll", SearchOption.AllDirectories)
            .Where(f => File.Exists(Path.ChangeExtension(f, ".runtimeconfig.json")))
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .FirstOrDefault() ?? throw new FileNotFoundException("LocalRunner.dll was not built; build src/LocalRunner first.");
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
