using System.Diagnostics;

namespace DataPlatform.Reliability.Tests.Environment;

/// <summary>
/// Holds a local Terraform state file's lock the way a concurrent terraform run does (a POSIX
/// fcntl write lock on the state file), from a separate process, until disposed.
/// </summary>
public sealed class StateLockHolder : IDisposable
{
    private readonly Process _process;

    private StateLockHolder(Process process)
    {
        _process = process;
    }

    public static StateLockHolder Hold(string stateFile)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("import fcntl,sys\nf=open(sys.argv[1],'r+')\nfcntl.lockf(f,fcntl.LOCK_EX|fcntl.LOCK_NB)\nprint('locked',flush=True)\nsys.stdin.read()");
        start.ArgumentList.Add(stateFile);
        var process = Process.Start(start)!;
        var line = process.StandardOutput.ReadLine();
        if (line != "locked")
        {
            process.Kill();
            throw new InvalidOperationException($"Could not take the lock on {stateFile}.");
        }

        return new StateLockHolder(process);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
