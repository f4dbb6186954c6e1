namespace DataPlatform.Build.Image;

/// <summary>How a command line tool ended and what it printed, kept so a failure can quote the tool's own words.</summary>
public sealed record ToolResult(int ExitCode, IReadOnlyList<string> Output, IReadOnlyList<string> Errors)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The last non-empty line the tool printed to stderr (or stdout): usually the one that says why.</summary>
    public string LastError =>
        Errors.LastOrDefault(l => !string.IsNullOrWhiteSpace(l))?.Trim()
        ?? Output.LastOrDefault(l => !string.IsNullOrWhiteSpace(l))?.Trim()
        ?? $"exit code {ExitCode}, no output";

    public string OutputText => string.Join('\n', Output);
}
