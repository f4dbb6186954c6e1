using Amazon.SQS.Model;
using DataPlatform.Aws;

namespace DataPlatform.Deploy.Tests.Pipeline;

/// <summary>
/// Send → a message deleted behind the processor's back → Drain → Reconcile → Query, through ./build.sh on the
/// lifecycle's deployed local environment. Its events carry their own type and ids, so the assertions hold
/// whatever else the other tests send to the same environment.
/// </summary>
public sealed record ReconcileQueryRun(string RunId, string DeletedMessageId, BuildShResult Send, BuildShResult Drain,
    BuildShResult Reconcile, BuildShResult Query, string QueryCsv)
{
    public const int Events = 6;

    /// <param name="caller">Who the rogue consumer is on the emulator (its administrator: the dummy keys are refused).</param>
    public static async Task<ReconcileQueryRun> RunAsync(IReadOnlyDictionary<string, string> outputs, string root,
        Func<string[], Task<BuildShResult>> build, AwsClients caller)
    {
        var run = "e2e-" + Guid.NewGuid().ToString("N")[..10];
        var bodies = Path.Combine(root, $"{run}.jsonl");
        await File.WriteAllLinesAsync(bodies, Enumerable.Range(0, Events).Select(i =>
            $$"""{"event_id":"{{run}}-{{i}}","event_type":"e2e.reconcile","occurred_at":"{{DateTimeOffset.UtcNow:yyyy-MM-dd'T'HH:mm:ss'Z'}}","source":"deploy-tests"}"""));
        var send = await build(["--target=Send", $"--file={bodies}"]);
        var deleted = await DeleteOneAsync(outputs, run, caller);
        var drain = await build(["--target=Drain"]);
        var reconcile = await build(["--target=Reconcile", "--from=30m"]);
        var csv = Path.Combine(root, $"{run}.csv");
        var query = await build(["--target=Query", $"--sql=SELECT count(*) AS n FROM events WHERE event_id LIKE '{run}-%'", $"--out={csv}"]);
        return new ReconcileQueryRun(run, deleted, send, drain, reconcile, query, File.Exists(csv) ? await File.ReadAllTextAsync(csv) : "");
    }

    /// <summary>Takes one of this run's messages off the ingest queue and deletes it, as a rogue consumer would.</summary>
    private static async Task<string> DeleteOneAsync(IReadOnlyDictionary<string, string> outputs, string run, AwsClients caller)
    {
        if (!outputs.ContainsKey("aws_endpoint_url") || !outputs.TryGetValue("ingest_queue_url", out var queue))
        {
            return "";
        }

        using var sqs = caller.CreateSqs();
        var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest(queue) { MaxNumberOfMessages = 10, WaitTimeSeconds = 1 });
        var mine = (received.Messages ?? []).First(m => m.Body.Contains(run, StringComparison.Ordinal));
        await sqs.DeleteMessageAsync(queue, mine.ReceiptHandle);
        foreach (var other in (received.Messages ?? []).Where(m => m != mine))
        {
            await sqs.ChangeMessageVisibilityAsync(queue, other.ReceiptHandle, 0);
        }

        return mine.MessageId;
    }
}
