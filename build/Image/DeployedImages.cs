namespace DataPlatform.Build.Image;

/// <summary>What an environment's repository says about its deploys: every live-… and previous-… tag and the image it is on.</summary>
public sealed record DeployedImages(IReadOnlyList<DeploymentTag> Tags)
{
    /// <summary>The newest live-… tag: what the last recorded deploy put in the function.</summary>
    public DeploymentTag? Live => Tags.Where(t => t.IsLive).MaxBy(t => t.Stamp, StringComparer.Ordinal);

    /// <summary>The newest previous-… tag: the image that ran before <see cref="Live"/>.</summary>
    public DeploymentTag? Previous => Tags.Where(t => t.IsPrevious).MaxBy(t => t.Stamp, StringComparer.Ordinal);

    /// <summary>The newest stamp of any deployment tag, so the next one can sort after it.</summary>
    public string? LatestStamp => Tags.Select(t => t.Stamp).Where(s => s.Length > 0).Max(StringComparer.Ordinal);

    /// <summary>
    /// The digest a rollback deploys: the newest previous-… image that is not the one running now.
    /// Null when there is none (fewer than two deploys recorded).
    /// </summary>
    public string? RollbackTarget(string runningDigest) =>
        Tags.Where(t => t.IsPrevious && t.Digest != runningDigest)
            .MaxBy(t => t.Stamp, StringComparer.Ordinal)?.Digest;

    public static DeployedImages From(IEnumerable<EcrImage> images) =>
        new(images.SelectMany(i => i.Tags.Where(DeploymentTag.IsDeploymentTag).Select(t => new DeploymentTag(t, i.Digest))).ToList());
}
