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
