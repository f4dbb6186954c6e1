using DataPlatform.Build.Host;
using DataPlatform.Build.Local;
using DataPlatform.Deployment.Terraform;

namespace DataPlatform.Build.Tasks;

[TaskName("Drain")]
[TaskDescription("local: runs the local runner over the ingest queue until it is empty and prints the counts.")]
[IsDependentOn(typeof(UpTask))]
public sealed class DrainTask : AsyncBuildTask<BuildContext>
{
    public override async Task RunAsync(BuildContext context)
    {
        if (!context.Deployment.UsesEmbeddedEmulator)
        {
            throw new BuildFailedException($"Drain plays the event source mapping on the local emulator; on '{context.Deployment.Name}' the Lambda function's mapping consumes the queue.");
        }

        context.Stacks.Init([StackCatalog.Storage, StackCatalog.Iam, StackCatalog.Compute]);
        context.Stacks.ReadOutputs([StackCatalog.Storage, StackCatalog.Iam, StackCatalog.Compute]);
        var storage = context.Stacks.OutputsOf(StackCatalog.Storage);
        if (!storage.TryGetValue("ingest_queue_url", out var queue) || !storage.TryGetValue("lake_bucket", out var bucket))
        {
            throw new BuildFailedException("The local environment is not deployed (no ingest queue). Run ./build.sh --target=Deploy first.");
        }

        var prefix = storage.TryGetValue("lake_prefix", out var p) ? p.GetString() ?? "" : "";
        context.Log.Information($"Draining {queue.GetString()} into s3://{bucket.GetString()}/{prefix} ...");
        var summary = await LocalDrain.RunAsync(context, queue.GetString()!, TimeSpan.FromMinutes(30));
        context.Log.Information($"Drain: {summary}");
        if (summary.ExitCode != 0)
        {
            throw new BuildFailedException($"The drain did not finish cleanly: {summary}. Failed messages stay on the queue (and reach the DLQ after maxReceiveCount).");
        }
    }
}
