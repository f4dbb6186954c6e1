using DataPlatform.Build.Host;
using DataPlatform.Deployment.Terraform;

namespace DataPlatform.Build.Image;

/// <summary>
/// An environment's deploys, kept as tags in its own image repository: the image the function
/// runs carries <c>live-&lt;time&gt;</c>, the one it ran before carries <c>previous-&lt;time&gt;</c>.
/// In the registry the record lives next to the images it names, survives a fresh clone and a
/// lost state folder, and is what the lifecycle policy reads to keep both images.
/// </summary>
public sealed class DeploymentHistory(EcrCli ecr, string repository, string workDirectory, ICakeLog log, TimeProvider? clock = null)
{
    private const string RetiredPrefix = "retired-";

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public static DeploymentHistory For(BuildContext context, string repository) =>
        new(
            new EcrCli(context, null, context.Aws.CliEnvironment(), new Cake.Core.IO.DirectoryPath(context.RepositoryRoot), context.Aws.Region),
            repository,
            Path.Combine(context.EnvironmentStateDirectory, "image"),
            context.Log);

    /// <summary>
    /// After the compute stack is applied: records the digest it runs now (its processor_image_uri
    /// output, the applied truth) in the environment's repository. An image from another
    /// repository cannot be tagged there, so it is deployed but not protected: said with a warning.
    /// </summary>
    public static void RecordApplied(BuildContext context)
    {
        var registry = context.Stacks.OutputsOf(StackCatalog.Registry);
        var compute = context.Stacks.OutputsOf(StackCatalog.Compute);
        if (!registry.TryGetValue("repository_url", out var url) || !registry.TryGetValue("repository_name", out var name)
            || !compute.TryGetValue("processor_image_uri", out var uri) || uri.GetString() is not { } imageUri)
        {
            throw new BuildFailedException(
                "The registry or compute stack has no outputs after the apply, so the deployed image cannot be recorded for a rollback. " +
                "Run ./build.sh --target=Outputs to see what is deployed, then deploy again.");
        }

        var repositoryUrl = url.GetString()!;
        if (!imageUri.StartsWith(repositoryUrl + "@", StringComparison.Ordinal))
        {
            context.Log.Warning(
                $"Deployment history: {imageUri} is not in this environment's repository {repositoryUrl}, so it is not tagged live there: " +
                "a rollback cannot come back to it and the registry's lifecycle does not protect it. Deploy images from the environment's own repository.");
            return;
        }

        var history = For(context, name.GetString()!).Record(imageUri[(repositoryUrl.Length + 1)..]);
        context.Log.Information(
            $"Deployment history: live {history.Live?.Name} ({history.Live?.Digest}); rollback target " +
            (history.Previous is { } previous ? $"{previous.Name} ({previous.Digest})." : "none yet (this is the first recorded deploy)."));
    }

    public DeployedImages Read() => DeployedImages.From(ecr.ListTaggedImages(repository));

    /// <summary>
    /// Records that the function now runs <paramref name="liveDigest"/>: it gets a new live tag
    /// unless it is live already, the image that was live becomes the rollback target, and older
    /// live/previous tags are removed. Tags are added before any is removed, so an image that
    /// must be kept is never without its protecting tag. Running it again changes nothing.
    /// </summary>
    public DeployedImages Record(string liveDigest)
    {
        var images = ecr.ListTaggedImages(repository);
        var before = DeployedImages.From(images);
        var previous = before.Live is { } live && live.Digest != liveDigest ? live.Digest : before.Previous?.Digest;
        if (previous == liveDigest)
        {
            previous = null;
        }

        var stamp = DeploymentTag.NextStamp(_clock.GetUtcNow(), before.LatestStamp);
        var tagsOf = images.ToDictionary(i => i.Digest, i => i.Tags.ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var keep = new HashSet<string>(StringComparer.Ordinal);
        if (previous is not null)
        {
            keep.Add(before.Previous?.Digest == previous ? before.Previous.Name : Add(tagsOf, previous, DeploymentTag.PreviousPrefix + stamp));
        }

        keep.Add(before.Live?.Digest == liveDigest ? before.Live.Name : Add(tagsOf, liveDigest, DeploymentTag.LivePrefix + stamp));

        foreach (var stale in before.Tags.Where(t => !keep.Contains(t.Name)))
        {
            var tags = tagsOf[stale.Digest];
            if (tags.Count == 1)
            {
                // ECR would delete the image with its last tag; a neutral tag leaves it to the
                // ordinary keep-the-newest rule, as if it had never been deployed.
                Add(tagsOf, stale.Digest, RetiredPrefix + stamp);
            }

            ecr.RemoveTag(repository, stale.Name);
            tags.Remove(stale.Name);
        }

        return Read();
    }

    private string Add(Dictionary<string, HashSet<string>> tagsOf, string digest, string tag)
    {
        if (!tagsOf.TryGetValue(digest, out var tags))
        {
            tags = tagsOf[digest] = new HashSet<string>(StringComparer.Ordinal);
        }

        ecr.AddTag(repository, digest, tag, workDirectory);
        tags.Add(tag);
        log.Verbose($"Deployment history: tagged {digest} {tag} in {repository}.");
        return tag;
    }
}
