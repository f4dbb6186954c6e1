using DataPlatform.Build.Host;
using DataPlatform.Build.Image;
using DataPlatform.Deployment.Terraform;

namespace DataPlatform.Build.Tasks;

[TaskName("Image")]
[TaskDescription("Builds and pushes the processor image to ECR by content hash (reused when unchanged); local without Docker: registers it.")]
[IsDependentOn(typeof(RegistryTask))]
public sealed class ImageTask : AsyncBuildTask<BuildContext>, IDescribesSteps<BuildContext>
{
    public IEnumerable<string> DescribeSteps(BuildContext context) =>
        context.ImageUri is not null ? [$"use --image-uri={context.ImageUri}"]
        : string.Equals(context.Target, RollbackTask.Name, StringComparison.OrdinalIgnoreCase) ? ["use the rollback target's digest; nothing is built or pushed"]
        : ImageRelease.DescribeSteps();

    public override async Task RunAsync(BuildContext context)
    {
        if (context.ImageUri is not null)
        {
            context.Log.Information($"Image: deploying {context.ImageUri} as given; nothing is built.");
            return;
        }

        var registry = context.Stacks.OutputsOf(StackCatalog.Registry);
        if (!registry.TryGetValue("repository_url", out var url) || !registry.TryGetValue("repository_name", out var name))
        {
            throw new BuildFailedException("The registry stack has no repository_url/repository_name outputs; apply it first (the Registry task).");
        }

        var image = await new ImageRelease().PublishAsync(context, new ImageRequest(url.GetString()!, name.GetString()!));
        context.ImageUri = image.Uri;
        context.Log.Information($"Image: {image.Uri} ({(image.Reused ? "unchanged, reused" : image.Method)}; tags {string.Join(", ", image.Tags)}).");
    }
}
