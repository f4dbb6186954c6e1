using Cake.Core.IO;

namespace DataPlatform.Build.Image;

/// <summary>
/// What a caller may change about how the release runs its tools. The build uses the defaults;
/// tests point <see cref="DockerPath"/> at a recording fake, because no Docker engine runs on the
/// build machines, without touching the PATH of the process they run in.
/// </summary>
public sealed record ImageReleaseOptions
{
    /// <summary>The docker executable; null finds <c>docker</c> on PATH.</summary>
    public FilePath? DockerPath { get; init; }

    /// <summary>The aws executable; null finds <c>aws</c> on PATH.</summary>
    public FilePath? AwsPath { get; init; }

    /// <summary>Variables added to (or, with a null value, removed from) every child process, on top of the AWS session's.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Where the processor is published when no Docker engine is reachable; null means <c>.state/image/publish</c>.</summary>
    public string? PublishDirectory { get; init; }
}
