namespace DataPlatform.Deploy.Tests.Image;

/// <summary>One recorded docker invocation: its arguments, what it read from stdin (null when it read nothing) and where it ran.</summary>
public sealed record DockerCall(IReadOnlyList<string> Argv, string? Stdin, string Cwd)
{
    public bool Is(params string[] command) => Argv.Take(command.Length).SequenceEqual(command);

    public override string ToString() => string.Join(' ', Argv);
}
