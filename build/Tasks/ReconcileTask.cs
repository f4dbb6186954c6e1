using DataPlatform.Build.Host;
using DataPlatform.Build.Operations;
using DataPlatform.Operations.Query;
using DataPlatform.Operations.Reconcile;

namespace DataPlatform.Build.Tasks;

[TaskName("Reconcile")]
[TaskDescription("Counts what was sent in a window (--from/--to, default the last hour) against what landed, was quarantined or waits in the queue and the DLQ; lists missing ids when the send ledger knows them.")]
[IsDependentOn(typeof(UpTask))]
public sealed class ReconcileTask : AsyncBuildTask<BuildContext>, IDescribesSteps<BuildContext>
{
    public IEnumerable<string> DescribeSteps(BuildContext context)
    {
        var outputs = LakeOutputs.FromArtifacts(context);
        var window = $"{context.Window.From:yyyy-MM-dd HH:mm:ss}Z to {context.Window.To:yyyy-MM-dd HH:mm:ss}Z";
        return
        [
            context.Deployment.UsesEmbeddedEmulator
                ? $"read the send ledger {Path.Combine(context.EnvironmentStateDirectory, "ledger")}/sent-*.jsonl for {window}"
                : $"read CloudWatch AWS/SQS NumberOfMessagesSent of {LakeOutputs.Describe(outputs, o => o.QueueName, "the ingest queue")} for {window} (aws cloudwatch get-metric-statistics)",
            $"fetch new Parquet under s3://{LakeOutputs.Describe(outputs, o => o.Bucket + "/" + o.Prefix, "<lake_bucket>/")}{{events,canaries,quarantine}}/ from dt={context.Window.FirstLakeDay:yyyy-MM-dd} into {Path.Combine(context.EnvironmentStateDirectory, "lake-cache")}",
            $"read the queue attributes (no receive) of {LakeOutputs.Describe(outputs, o => o.QueueUrl, "the ingest queue")} and {LakeOutputs.Describe(outputs, o => o.DeadLetterQueueUrl, "the DLQ")}",
            "change nothing in the environment",
        ];
    }

    public override async Task RunAsync(BuildContext context)
    {
        var outputs = LakeOutputs.Read(context, "Reconcile");
        var console = OperatorConsole.Create();
        var local = context.Deployment.UsesEmbeddedEmulator;
        // On a real account producers send without the kit's ledger, so only the queue's own count covers them.
        var ledger = local ? SendLedger.ForEnvironment(context.EnvironmentStateDirectory) : null;
        long? cloudWatch = local ? null : new QueueSentMetric(context, context.Aws.CliEnvironment(), new Cake.Core.IO.DirectoryPath(context.RepositoryRoot), context.Aws.Region)
            .Sum(outputs.QueueName, context.Window);
        using var sqs = context.Aws.CreateSqs();
        using var s3 = context.Aws.CreateS3();
        var mirror = new LakeMirror(s3, outputs.Bucket, outputs.Prefix, Path.Combine(context.EnvironmentStateDirectory, "lake-cache"));
        var report = await MirrorProgress.RunAsync(console, progress =>
            new Reconciler(sqs, mirror, outputs.QueueUrl, outputs.DeadLetterQueueUrl).RunAsync(context.Window, ledger, cloudWatch, progress));
        ReconcileScreen.Write(console, report, outputs);
        if (report is { Source: SentSource.Ledger, Lost: > 0 })
        {
            throw new BuildFailedException(
                $"Reconcile: {report.Lost} message(s) sent in the window are in neither the lake, the quarantine, the queue nor the DLQ. " +
                "Their ids are listed above: look for whoever deleted them (a consumer other than the processor?) and send those events again.");
        }
    }
}
