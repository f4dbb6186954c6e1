namespace DataPlatform.Deployment.Processes;

/// <summary>Runs a program, hands each output line to the caller as it arrives, and returns its exit code.</summary>
public interface IProcessRunner
{
    /// <param name="onLine">Sees every line of standard output (false) and standard error (true).</param>
    /// <returns>The exit code; -1 when the run was cancelled (the program and its children are killed).</returns>
    int Run(ProcessCommand command, Action<string, bool> onLine, CancellationToken cancellationToken = default);
}
