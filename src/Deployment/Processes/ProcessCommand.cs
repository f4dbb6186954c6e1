namespace DataPlatform.Deployment.Processes;

/// <summary>One program to run: what, with which arguments, where, and with which environment.</summary>
/// <param name="Environment">Variables set on top of this process's own; a null value removes the variable.</param>
/// <param name="StandardInput">Text written to the program's standard input (then closed); null leaves it unused.</param>
public sealed record ProcessCommand(
    string FileName,
    IReadOnlyList<string> Arguments,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string?> Environment,
    string? StandardInput = null);
