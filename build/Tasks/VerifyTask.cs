using DataPlatform.Build.Host;
using DataPlatform.Build.Local;
using DataPlatform.Build.Verification;
using DataPlatform.Deployment.Terraform;
using DataPlatform.Operations.Reconcile;

namespace DataPlatform.Build.Tasks;

[TaskName("Verify")]
[TaskDescription("Sends canary events and waits until each one is a row in the lake's Parquet (on local, the local runner processes them).")]
[IsDependentOn(typeof(UpTask))]
public sealed class VerifyTask : AsyncBuildTask<BuildContext>, IDescribesSteps<BuildContext>
{
    public override string SkipReason => "a Deploy verifies on its own only on local; run --target=Verify for a real environment";

    // As part of a Deploy it runs on local (so a newcomer sees events become rows); asked for by
    // name, or after a rollback (an emergency, where the operator needs to know it worked), anywhere.
    public override bool ShouldRun(BuildContext context) =>
        context.Deployment.UsesEmbeddedEmulator
        || string.Equals(context.Target, "Verify", StringComparison.OrdinalIgnoreCase)
        || string.Equals(context.Target, RollbackTask.Name, StringComparison.OrdinalIgnoreCase);

    public IEnumerable<string> DescribeSteps(BuildContext context) =>
    [
        $"send {context.Canaries} canary event(s) (event_type {CanaryRun.EventType}) to the ingest queue, recorded in {Path.Combine(context.EnvironmentStateDirectory, "ledger")}",
        .. context.Deployment.UsesEmbeddedEmulator ? new[] { "run the local runner over the ingest queue until it is empty" } : [],
        $"read the lake's Parquet until every canary id is there (at most {context.VerifyTimeout.TotalSeconds:0} s)",
    ];

    /// <summary>
    /// Sends and reads as the session's identity (on the enforcing local emulator, the deploy role, which
    /// may send canaries and read the lake, as a producer and a checker would); the local runner's
    /// processing goes as the function's own role (<see cref="LocalDrain"/>).
    /// </summary>
    public override async Task RunAsync(BuildContext context)
    {
        context.Stacks.Init(StackCatalog.All);
        context.Stacks.ReadOutputs([StackCatalog.Storage, StackCatalog.Iam, StackCatalog.Compute]);
        var storage = context.Stacks.OutputsOf(StackCatalog.Storage);
        if (!storage.TryGetValue("ingest_queue_url", out var queue) || !storage.TryGetValue("lake_bucket", out var bucket)
            || !storage.TryGetValue("dead_letter_queue_url", out var deadLetters))
        {
            throw new BuildFailedException($"'{context.Deployment.Name}' is not deployed (the storage stack has no outputs). Run ./build.sh --target=Deploy first.");
        }

        var prefix = storage.TryGetValue("lake_prefix", out var p) ? p.GetString() ?? "" : "";
        using var sqs = context.Aws.CreateSqs();
        using var s3 = context.Aws.CreateS3();
        using var timeout = new CancellationTokenSource(context.VerifyTimeout);
        var canaries = new CanaryRun(sqs, s3, queue.GetString()!, bucket.GetString()!, prefix, SendLedger.ForEnvironment(context.EnvironmentStateDirectory));
        await canaries.SendAsync(context.Canaries, timeout.Token);
        context.Log.Information($"Verify: sent {context.Canaries} canary event(s); waiting for them in s3://{bucket.GetString()}/{prefix}canaries/event_type={CanaryRun.EventType}/ ...");

        var complete = false;
        try
        {
            if (context.Deployment.UsesEmbeddedEmulator)
            {
                var drain = await LocalDrain.RunAsync(context, queue.GetString()!, context.VerifyTimeout);
                context.Log.Information($"Verify: local runner {drain}");
            }

            while (!(complete = await canaries.ScanAsync(timeout.Token)))
            {
                context.Log.Information($"Verify: {canaries.Found.Count(f => canaries.Sent.Contains(f.Key))}/{canaries.Sent.Count} in the lake ...");
                await Task.Delay(context.Deployment.UsesEmbeddedEmulator ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(5), timeout.Token);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
        }

        if (!complete)
        {
            var dlq = await canaries.DeadLetterCountAsync(deadLetters.GetString()!, CancellationToken.None);
            var logGroup = context.Stacks.OutputsOf(StackCatalog.Compute).TryGetValue("log_group_name", out var g) ? g.GetString() : null;
            throw new BuildFailedException(
                $"Verify failed: {canaries.Missing.Count()} of {canaries.Sent.Count} canaries did not reach the lake within {context.VerifyTimeout.TotalSeconds:0} s " +
                $"(missing: {string.Join(", ", canaries.Missing.Take(5))}). The dead-letter queue holds {dlq} message(s)." +
                (logGroup is null ? "" : $" The function's errors are in the CloudWatch log group {logGroup}.") +
                " Check the ingest queue's event source mapping and the function's role.");
        }

        var latencies = canaries.Sent.Select(id => canaries.Found[id]).Order().ToList();
        context.Log.Information(
            $"Verify: all {latencies.Count} canaries are rows in the lake. Latency from send: first {latencies[0].TotalSeconds:0.00} s, " +
            $"median {latencies[latencies.Count / 2].TotalSeconds:0.00} s, last {latencies[^1].TotalSeconds:0.00} s.");
    }
}
