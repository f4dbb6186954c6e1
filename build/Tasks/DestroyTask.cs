using Amazon.S3;
using Amazon.S3.Model;
using Cake.Core.IO;
using DataPlatform.Build.Host;
using DataPlatform.Build.Image;
using DataPlatform.Build.Local;
using DataPlatform.Deployment.Terraform;

namespace DataPlatform.Build.Tasks;

[TaskName("Destroy")]
[TaskDescription("Destroys the stacks in reverse order; refuses while the lake holds data unless --force-destroy-data.")]
[IsDependentOn(typeof(UpTask))]
public sealed class DestroyTask : AsyncBuildTask<BuildContext>, IDescribesSteps<BuildContext>
{
    public IEnumerable<string> DescribeSteps(BuildContext context) =>
        [
            "check whether the lake bucket holds objects (refuse unless --force-destroy-data)",
            .. StackCatalog.InDestroyOrder.Select(s => $"terraform plan -destroy, apply  terraform/stacks/{s.Name}"),
            .. context.Deployment.UsesEmbeddedEmulator
                ? [$"terraform plan -destroy, apply  terraform/stacks/{DeployIdentity.Stack.Name} (the local deploy role, as the emulator's administrator)"]
                : Array.Empty<string>(),
        ];

    public override async Task RunAsync(BuildContext context)
    {
        context.Stacks.Init(StackCatalog.All);
        context.Stacks.ReadOutputs([StackCatalog.Storage, StackCatalog.Registry]);
        if (context.Stacks.OutputsOf(StackCatalog.Storage).TryGetValue("lake_bucket", out var bucket))
        {
            await EmptyLakeIfAllowedAsync(context, bucket.GetString()!);
        }

        if (context.Stacks.OutputsOf(StackCatalog.Registry).TryGetValue("repository_name", out var repository))
        {
            EmptyRegistryIfAllowed(context, repository.GetString()!);
        }

        context.Stacks.Destroy(StackCatalog.InDestroyOrder);
        if (context.Deployment.UsesEmbeddedEmulator)
        {
            await new LocalEnvironment(context).RemoveDeployIdentityAsync(context.Aws);
        }

        context.Log.Information($"'{context.Deployment.Name}' is destroyed.");
    }

    /// <summary>
    /// The repository refuses to go while it holds images (force_delete is off). On local they
    /// are the emulator's copies of what the build registered, so they go; on a real environment
    /// they are releases, and go only with --force-destroy-data.
    /// </summary>
    private static void EmptyRegistryIfAllowed(BuildContext context, string repository)
    {
        var ecr = new EcrCli(context, null, context.Aws.CliEnvironment(), new DirectoryPath(context.RepositoryRoot), context.Aws.Region);
        var images = ecr.ListImageDigests(repository);
        if (images.Count == 0)
        {
            return;
        }

        if (!context.Deployment.UsesEmbeddedEmulator && !context.ForceDestroyData)
        {
            throw new BuildFailedException(
                $"The image repository {repository} holds {images.Count} image(s), so Destroy stopped before touching anything. " +
                "Re-run with --force-destroy-data to delete them with everything else.");
        }

        context.Log.Information($"Deleting {images.Count} image(s) from {repository} ...");
        ecr.DeleteImages(repository, images);
    }

    /// <summary>
    /// Emptying the lake is an administrator's act, not the deploy identity's (it never deletes data):
    /// on local the emulator's administrator does it; on an account, whoever runs Destroy needs the rights.
    /// </summary>
    private static async Task EmptyLakeIfAllowedAsync(BuildContext context, string bucket)
    {
        var aws = context.Deployment.UsesEmbeddedEmulator ? new LocalEnvironment(context).Administrator(context.Aws) : context.Aws;
        using var s3 = aws.CreateS3();
        var versions = await s3.ListVersionsAsync(new ListVersionsRequest { BucketName = bucket, MaxKeys = 1000 });
        var entries = versions.Versions ?? [];
        if (entries.Count == 0)
        {
            return;
        }

        if (!context.ForceDestroyData)
        {
            throw new BuildFailedException(
                $"The lake bucket {bucket} holds data ({(versions.IsTruncated == true ? "more than 1000" : entries.Count.ToString())} object versions), " +
                "so Destroy stopped before touching anything. Export what you need first. To delete the data for good, re-run with --force-destroy-data.");
        }

        context.Log.Warning($"--force-destroy-data: DELETING EVERY OBJECT VERSION in {bucket}. This cannot be undone.");
        var deleted = 0;
        while (true)
        {
            var page = await s3.ListVersionsAsync(new ListVersionsRequest { BucketName = bucket, MaxKeys = 1000 });
            var batch = page.Versions ?? [];
            if (batch.Count == 0)
            {
                break;
            }

            await s3.DeleteObjectsAsync(new DeleteObjectsRequest
            {
                BucketName = bucket,
                Objects = batch.Select(v => new KeyVersion { Key = v.Key, VersionId = v.VersionId }).ToList(),
            });
            deleted += batch.Count;
            context.Log.Information($"  deleted {deleted} object version(s) ...");
        }
    }
}
