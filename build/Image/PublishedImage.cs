namespace DataPlatform.Build.Image;

/// <summary>
/// The image the compute stack runs. <see cref="Uri"/> is <c>&lt;repository_url&gt;@sha256:&lt;hex&gt;</c>:
/// a digest, not a tag, so a new image is a visible change in the plan.
/// </summary>
public sealed record PublishedImage(string Uri, string Digest, IReadOnlyList<string> Tags, bool Reused, string Method)
{
    /// <summary>Built with <c>docker buildx build</c> and pushed.</summary>
    public const string DockerMethod = "docker";

    /// <summary>Published with dotnet and registered in an emulator's ECR by a hand-written manifest (no Docker engine, local only).</summary>
    public const string LocalRegistrationMethod = "local-registration";

    /// <summary>The repository already held an image of the same content; nothing was built or pushed.</summary>
    public const string ReusedMethod = "reused";
}
