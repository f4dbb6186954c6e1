using DataPlatform.Build.Host;
using DataPlatform.Build.Image;
using DataPlatform.Deployment.Terraform;

namespace DataPlatform.Build.Tasks;

[TaskName("RollbackTarget")]
[TaskDescription("Finds the digest the environment ran before the live one (its previous-<time> tag in ECR) and makes it the image to deploy; builds nothing.")]
[IsDependentOn(typeof(UpTask))]
public sealed class RollbackTargetTask : BuildTask<BuildContext>, IDescribesSteps<BuildContext>
{
    public IEnumerable<string> DescribeSteps(BuildContext context) =>
    [
        "terraform output  terraform/stacks/registry, terraform/stacks/compute  (the repository and the digest the function runs)",
        $"aws ecr describe-images: the newest {DeploymentTag.PreviousPrefix}<time> tag on another digest; stop when there is none",
    ];

    public override void Run(BuildContext context)
    {
        if (context.ImageUri is not null)
        {
            throw new BuildUsageException(
                $"--image-uri cannot be combined with a rollback: the rollback deploys the digest the environment ran before. " +
                $"To deploy {context.ImageUri}, run --target=Deploy --image-uri={context.ImageUri}.");
        }

        context.Stacks.Init([StackCatalog.Registry, StackCatalog.Compute]);
        context.Stacks.ReadOutputs([StackCatalog.Registry, StackCatalog.Compute]);
        var registry = context.Stacks.OutputsOf(StackCatalog.Registry);
        var compute = context.Stacks.OutputsOf(StackCatalog.Compute);
        if (!registry.TryGetValue("repository_url", out var url) || !registry.TryGetValue("repository_name", out var name)
            || !compute.TryGetValue("processor_image_uri", out var uri) || uri.GetString() is not { } running)
        {
            throw new BuildFailedException(
                $"'{context.Deployment.Name}' is not deployed (the registry or compute stack has no outputs), so there is nothing to roll back. " +
                $"Run ./build.sh --target=Deploy --env={context.Deployment.Name} first.");
        }

        var repository = name.GetString()!;
        var runningDigest = running[(running.IndexOf('@') + 1)..];
        var target = DeploymentHistory.For(context, repository).Read().RollbackTarget(runningDigest)
            ?? throw new BuildFailedException(
                $"'{context.Deployment.Name}' has nothing to roll back to: no image in {repository} carries a {DeploymentTag.PreviousPrefix}<time> tag other than the running {runningDigest}. " +
                "A deploy tags the image it replaces, so a rollback needs two deploys with different images. " +
                "To run a specific image, deploy it: ./build.sh --target=Deploy --image-uri=REPOSITORY@sha256:DIGEST.");

        context.ImageUri = $"{url.GetString()}@{target}";
        context.Log.Information($"Rollback: the function runs {runningDigest}; deploying the previous image {context.ImageUri}.");
    }
}
