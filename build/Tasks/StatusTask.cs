using System.Text.Json;
using DataPlatform.Build.Host;
using DataPlatform.Build.Operations;
using DataPlatform.Deployment.Terraform;
using DataPlatform.Operations.Status;
using Spectre.Console;

namespace DataPlatform.Build.Tasks;

[TaskName("Status")]
[TaskDescription("One screen of the running platform: queue and DLQ, quarantine by reason, the lake per hour and its freshness, the image and firing alarms; writes artifacts/<env>/status.html.")]
[IsDependentOn(typeof(UpTask))]
public sealed class StatusTask : AsyncBuildTask<BuildContext>, IDescribesSteps<BuildContext>
{
    public IEnumerable<string> DescribeSteps(BuildContext context)
    {
        // The dry run starts nothing; outputs.json (written by Deploy and Outputs) names the real resources when it exists.
        var known = KnownOutputs(context);
        string Name(string output, string what) => known.TryGetValue(output, out var value) ? value : $"{what} (the deployed {output})";
        var bucket = Name("lake_bucket", "the lake bucket");
        return
        [
            $"read the attributes of {Name("ingest_queue_url", "the ingest queue")} and {Name("dead_letter_queue_url", "the dead-letter queue")} (nothing is received)",
            "ask CloudWatch (aws cloudwatch get-metric-statistics) for each queue's ApproximateAgeOfOldestMessage",
            $"read the error column of s3://{bucket}/<prefix>quarantine/dt=<the last 24 h>/",
            $"list s3://{bucket}/<prefix>events/ and read the footer of each object that landed in the last {context.StatusHours} h (ranged GETs)",
            "list the alarms in the ALARM state (aws cloudwatch describe-alarms --state-value ALARM)",
            $"write {Path.Combine(context.EnvironmentArtifactsDirectory, "status.html")}",
        ];
    }

    public override async Task RunAsync(BuildContext context)
    {
        context.Stacks.Init([StackCatalog.Storage, StackCatalog.Compute]);
        context.Stacks.ReadOutputs([StackCatalog.Storage, StackCatalog.Compute]);
        var storage = context.Stacks.OutputsOf(StackCatalog.Storage);
        if (!storage.TryGetValue("ingest_queue_url", out var queue) || !storage.TryGetValue("dead_letter_queue_url", out var deadLetters)
            || !storage.TryGetValue("lake_bucket", out var bucket))
        {
            throw new BuildFailedException($"'{context.Deployment.Name}' is not deployed (the storage stack has no outputs), so there is no status to show. Run ./build.sh --target=Deploy --env={context.Deployment.Name} first.");
        }

        var prefix = storage.TryGetValue("lake_prefix", out var p) ? p.GetString() ?? "" : "";
        var image = context.Stacks.OutputsOf(StackCatalog.Compute).TryGetValue("processor_image_uri", out var uri) ? uri.GetString() : null;
        var request = new StatusRequest(queue.GetString()!, deadLetters.GetString()!, bucket.GetString()!, prefix, image, context.StatusHours, DateTimeOffset.UtcNow);

        using var sqs = context.Aws.CreateSqs();
        using var s3 = context.Aws.CreateS3();
        var cloudWatch = new CloudWatchCli(context.Aws.CliEnvironment());
        var console = OperatorConsole.Create();
        StatusReport report;
        try
        {
            report = await console.Status().StartAsync("Reading queues, quarantine and the lake's footers ...",
                _ => new StatusCollector(sqs, s3, cloudWatch).CollectAsync(request));
        }
        catch (Amazon.Runtime.AmazonServiceException failure)
        {
            throw new BuildFailedException($"Status could not read '{context.Deployment.Name}': {failure.Message} Check that your credentials may read the queues' attributes and the lake bucket.", failure);
        }

        StatusScreen.Write(console, report, context.Deployment.Name);
        if (report.Alarms is null)
        {
            context.Log.Warning($"The alarms are unknown: {cloudWatch.LastError}");
        }

        Directory.CreateDirectory(context.EnvironmentArtifactsDirectory);
        var page = Path.Combine(context.EnvironmentArtifactsDirectory, "status.html");
        await File.WriteAllTextAsync(page, StatusPage.Render(report, context.Deployment.Name));
        context.Log.Information($"Written to {Path.GetRelativePath(context.RepositoryRoot, page)} (opens offline).");
    }

    private static Dictionary<string, string> KnownOutputs(BuildContext context)
    {
        var file = Path.Combine(context.EnvironmentArtifactsDirectory, "outputs.json");
        try
        {
            return File.Exists(file) ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(file)) ?? [] : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
