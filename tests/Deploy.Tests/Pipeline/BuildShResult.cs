namespace DataPlatform.Deploy.Tests.Pipeline;

/// <summary>What one ./build.sh run did: its exit code, everything it printed, how long it took.</summary>
public sealed record BuildShResult(int ExitCode, string Output, TimeSpan Duration)
{
    public override string ToString() => $"exit {ExitCode} after {Duration.TotalSeconds:0.0} s{Environment.NewLine}{Output}";
}
