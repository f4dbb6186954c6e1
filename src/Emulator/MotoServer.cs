using System.Diagnostics;
using DataPlatform.Deployment;

namespace DataPlatform.Emulator;

/// <summary>
/// A moto server on 127.0.0.1: the AWS of the local environment and of the integration tests.
/// </summary>
public sealed class MotoServer : IAsyncDisposable
{
    public const string InstallHint =
        $"Install it with `pip install 'moto[server]=={MotoCommand.PatchedMotoVersion}'` (it provides the moto_server command), " +
        "set MOTO_SERVER to its path, or point AWS_ENDPOINT_URL at another emulator such as LocalStack.";

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly Process? _process;
    private readonly bool _detached;
    private readonly OutputTail _tail;

    private MotoServer(int port, int processId, Process? process, bool detached, OutputTail? tail = null)
    {
        _tail = tail ?? new OutputTail();
        Port = port;
        ProcessId = processId;
        Endpoint = new Uri($"http://127.0.0.1:{port}");
        _process = process;
        _detached = detached;
    }

    public Uri Endpoint { get; }

    /// <summary>The administrator's keys when the server enforces IAM (<see cref="MotoServerOptions.EnforceIam"/>); null otherwise.</summary>
    public MotoAdminCredentials? AdminCredentials { get; private set; }

    public int Port { get; }

    public int ProcessId { get; }

    public static Task<MotoServer> StartAsync(CancellationToken cancellationToken = default) =>
        StartAsync(new MotoServerOptions(), cancellationToken);

    public static async Task<MotoServer> StartAsync(MotoServerOptions options, CancellationToken cancellationToken = default)
    {
        var executable = ExecutableSearch.Find(options.Executable)
            ?? throw new EmulatorNotAvailableException(
                $"The local environment needs moto's server, but '{options.Executable}' was not found on PATH. {InstallHint}");

        var port = options.Port ?? FreePort.Find();
        var enforcement = IamEnforcement.Prepare(options, executable, port);
        if (options.Port is not null && FreePort.IsInUse(port))
        {
            throw new EmulatorNotAvailableException(
                $"Port {port} on 127.0.0.1 is already in use, so moto cannot listen there. " +
                "Stop whatever holds it, or leave the port unset to let the kit pick a free one.");
        }

        var tail = new OutputTail();
        var (process, serverPid) = Launch(executable, port, options, enforcement, tail);
        var server = new MotoServer(port, serverPid, options.Detached ? null : process, options.Detached, tail: tail);
        try
        {
            await server.WaitUntilReadyAsync(process, options, cancellationToken).ConfigureAwait(false);
            if (options.EnforceIam)
            {
                // Written before the server listens: a server answering without it is not enforcing.
                server.AdminCredentials = MotoAdminCredentials.Read(options.AdminCredentialsPath!);
            }
        }
        catch
        {
            server.Stop();
            throw;
        }

        if (options.Detached)
        {
            process.Dispose();
        }

        return server;
    }

    /// <summary>A handle on a server started earlier (for instance by a previous build), if it still answers.</summary>
    public static async Task<MotoServer?> AttachAsync(Uri endpoint, int processId, CancellationToken cancellationToken = default)
    {
        if (!IsProcessAlive(processId) || !await IsAnsweringAsync(endpoint, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new MotoServer(endpoint.Port, processId, process: null, detached: true);
    }

    public static async Task<bool> IsAnsweringAsync(Uri endpoint, CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await Http.GetAsync(new Uri(endpoint, "/moto-api/"), cancellationToken)
                .ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Stops the server whatever started it.</summary>
    public void Stop()
    {
        if (_process is not null)
        {
            Kill(_process);
            return;
        }

        try
        {
            using var process = Process.GetProcessById(ProcessId);
            Kill(process);
        }
        catch (ArgumentException)
        {
            // Already gone: nothing to stop.
        }
    }

    public ValueTask DisposeAsync()
    {
        if (!_detached)
        {
            Stop();
            _process?.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private static (Process Process, int ServerPid) Launch(string executable, int port, MotoServerOptions options,
        IReadOnlyDictionary<string, string> enforcement, OutputTail tail)
    {
        var command = MotoCommand.For(executable, port);
        ProcessStartInfo startInfo;
        string? pidFile = null;
        if (options.Detached && !OperatingSystem.IsWindows())
        {
            // Its own session, so Ctrl-C in the terminal that ran the build does not take the
            // environment down with it, and output to a file, so no pipe ties it to this process.
            // setsid may fork, so the server's pid comes from the shell that becomes the server.
            var log = options.LogPath ?? "/dev/null";
            pidFile = Path.Combine(Path.GetTempPath(), $"moto-{port}-{Guid.NewGuid():N}.pid");
            const string script = "pidfile=$1 log=$2; shift 2; echo $$ >\"$pidfile\"; exec \"$@\" >>\"$log\" 2>&1 </dev/null";
            var detach = ExecutableSearch.Find("setsid") ?? ExecutableSearch.Find("nohup");
            startInfo = detach is null ? new ProcessStartInfo("/bin/sh") : new ProcessStartInfo(detach) { ArgumentList = { "/bin/sh" } };
            foreach (var argument in new[] { "-c", script, "moto", pidFile, log }.Concat(command))
            {
                startInfo.ArgumentList.Add(argument);
            }
        }
        else
        {
            startInfo = new ProcessStartInfo(command[0])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var argument in command.Skip(1))
            {
                startInfo.ArgumentList.Add(argument);
            }
        }

        startInfo.UseShellExecute = false;
        foreach (var (key, value) in options.Environment.Concat(enforcement))
        {
            startInfo.Environment[key] = value;
        }

        var process = Process.Start(startInfo)
            ?? throw new EmulatorNotAvailableException($"Could not start '{executable}'. {InstallHint}");
        if (startInfo.RedirectStandardOutput)
        {
            var log = options.LogPath is null ? null : new StreamWriter(options.LogPath, append: true) { AutoFlush = true };
            process.OutputDataReceived += (_, e) => Write(log, tail, e.Data);
            process.ErrorDataReceived += (_, e) => Write(log, tail, e.Data);
            process.Exited += (_, _) => log?.Dispose();
            process.EnableRaisingEvents = true;
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        return (process, pidFile is null ? process.Id : ReadPid(pidFile));
    }

    private static int ReadPid(string pidFile)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid))
            {
                File.Delete(pidFile);
                return pid;
            }

            Thread.Sleep(20);
        }

        throw new EmulatorNotAvailableException("moto_server was launched in the background but never reported its process id.");
    }

    private static void Write(StreamWriter? log, OutputTail tail, string? line)
    {
        tail.Add(line);
        if (log is null || line is null)
        {
            return;
        }

        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // The server exited while a last line was in flight.
            }
        }
    }

    private async Task WaitUntilReadyAsync(Process process, MotoServerOptions options, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < options.StartTimeout)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited && !options.Detached)
            {
                throw new EmulatorNotAvailableException(
                    $"moto_server exited with code {process.ExitCode} before it answered on {Endpoint}." +
                    (options.LogPath is null ? "" : $" Its output is in {options.LogPath}.") + _tail.Describe());
            }

            if (options.Detached && !IsProcessAlive(ProcessId))
            {
                // A background server that refused to start (the launcher without moto 5.2.1 under
                // enforcement) is gone long before the timeout would say so.
                throw new EmulatorNotAvailableException(
                    $"moto_server (process {ProcessId}) exited before it answered on {Endpoint}." +
                    (options.LogPath is null ? "" : $" Its output is in {options.LogPath}."));
            }

            if (await IsAnsweringAsync(Endpoint, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        throw new EmulatorNotAvailableException(
            $"moto_server did not answer on {Endpoint} within {options.StartTimeout.TotalSeconds:0} s." +
            (options.LogPath is null ? "" : $" Its output is in {options.LogPath}."));
    }

    private static bool IsProcessAlive(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }
    }
}
