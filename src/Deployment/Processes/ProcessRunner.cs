using System.Diagnostics;

namespace DataPlatform.Deployment.Processes;

/// <summary>The real thing, on <see cref="Process"/>: arguments are passed as a list, never through a shell.</summary>
public sealed class ProcessRunner : IProcessRunner
{
    public int Run(ProcessCommand command, Action<string, bool> onLine, CancellationToken cancellationToken = default)
    {
        var startInfo = new ProcessStartInfo(command.FileName)
        {
            WorkingDirectory = command.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = command.StandardInput is not null,
            UseShellExecute = false,
        };
        foreach (var argument in command.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in command.Environment)
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

        // Lines from the two streams arrive on two threads; the caller sees one at a time.
        var gate = new Lock();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Deliver(e.Data, isError: false);
        process.ErrorDataReceived += (_, e) => Deliver(e.Data, isError: true);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (command.StandardInput is not null)
        {
            process.StandardInput.Write(command.StandardInput);
            process.StandardInput.Close();
        }

        using (cancellationToken.Register(() => Kill(process)))
        {
            process.WaitForExit();
        }

        return cancellationToken.IsCancellationRequested ? -1 : process.ExitCode;

        void Deliver(string? line, bool isError)
        {
            if (line is null)
            {
                return;
            }

            lock (gate)
            {
                onLine(line, isError);
            }
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited on its own meanwhile.
        }
    }
}
