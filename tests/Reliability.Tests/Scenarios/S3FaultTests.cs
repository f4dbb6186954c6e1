using System.Diagnostics;
using DataPlatform.Reliability.Tests.Environment;
using DataPlatform.Reliability.Tests.Faults;
using DataPlatform.Reliability.Tests.Ledger;
using Xunit.Abstractions;

namespace DataPlatform.Reliability.Tests.Scenarios;

/// <summary>
/// S3 faults through a real HTTP proxy in front of moto: failed, reset, slow and ambiguous PUTs.
/// Events must still land after the SDK's retries and SQS redelivery; messages whose PUT can never
/// succeed must end in the DLQ, counted, not lost.
/// </summary>
[Collection(DeployedCollection.Name)]
public sealed class S3FaultTests(DeployedEnvironment environment, ITestOutputHelper output)
{
    [Theory]
    [InlineData(FaultAction.Fail)]
    [InlineData(FaultAction.Reset)]
    [InlineData(FaultAction.Delay)]
    [InlineData(FaultAction.LoseResponse)]
    public async Task Events_land_when_a_share_of_puts_meet_one_kind_of_fault(FaultAction fault)
    {
        // Faults follow object keys, so each is bounded by construction whatever order the PUTs
        // come in. A persistent failure hits the first 4 attempts of every third of the first 9
        // keys: one more than the SDK's 3 retries, so the processor must report those messages and
        // SQS must redeliver them; a message can sit in at most 3 such keys, well under the queue's
        // maxReceiveCount of 5 (unbounded, the same partition could fail on every redelivery and
        // end in the DLQ). Resets, slow and stored-but-unanswered PUTs hit the first attempt of
        // every third key, so the SDK's retry absorbs each one (a lost answer is rewritten in place).
        var persistent = fault is FaultAction.Fail;
        var keys = new Dictionary<string, (int Index, int Attempts)>(StringComparer.Ordinal);
        var report = await RunAsync($"s3-fault-{fault.ToString().ToLowerInvariant()}", 300, request =>
        {
            lock (keys)
            {
                var (index, attempts) = keys.TryGetValue(request.Path, out var seen) ? seen : (keys.Count, 0);
                keys[request.Path] = (index, attempts + 1);
                var faulted = persistent ? index % 3 == 0 && index < 9 && attempts < 4 : index % 3 == 0 && attempts == 0;
                return faulted ? fault : FaultAction.Forward;
            }
        });

        if (persistent)
        {
            Assert.True((int)report.Details["failed_deliveries_redelivered"] > 0, "No fault outlasted the SDK's retries, so redelivery was not exercised.");
        }
    }

    private async Task<LedgerReport> RunAsync(string scenario, int count, Func<ProxiedRequest, FaultAction> pick)
    {
        var eventType = ScenarioRun.EventType(scenario.Replace('-', '_'));
        var messages = ScenarioRun.MixedEvents(eventType, count, types: 3);
        await using var proxy = await FaultProxy.StartAsync(environment.Endpoint);
        proxy.DelayBy = TimeSpan.FromSeconds(1);
        proxy.Rule = request => request.IsS3Put ? pick(request) : FaultAction.Forward;

        var clock = Stopwatch.StartNew();
        var sent = await EventSender.SendAsync(environment.Sqs, environment.QueueUrl, messages);
        var drain = await InProcessRunner.DrainAsync(environment, proxy.Endpoint, batchSize: 100, timeout: TimeSpan.FromMinutes(10));
        var injected = proxy.Counts.Where(c => c.Key != FaultAction.Forward).Sum(c => c.Value);
        var report = await LedgerCheck.RunAsync(environment, scenario, sent, eventType, clock.Elapsed, new Dictionary<string, object>
        {
            ["puts_failed_500"] = proxy.Counts.GetValueOrDefault(FaultAction.Fail),
            ["puts_reset"] = proxy.Counts.GetValueOrDefault(FaultAction.Reset),
            ["puts_delayed"] = proxy.Counts.GetValueOrDefault(FaultAction.Delay),
            ["puts_stored_answer_lost"] = proxy.Counts.GetValueOrDefault(FaultAction.LoseResponse),
            ["requests_forwarded"] = proxy.Counts.GetValueOrDefault(FaultAction.Forward),
            ["failed_deliveries_redelivered"] = drain.FailedDeliveries,
            ["batches"] = drain.Batches,
            ["drain_seconds"] = Math.Round(drain.Elapsed.TotalSeconds, 1),
        });
        report.Publish(output);

        Assert.True(injected > 0, "The proxy injected no faults, so this scenario proved nothing.");
        Assert.Equal(0, report.Lost);
        Assert.Equal(0, report.Misplaced);
        Assert.Equal(messages.Count, report.Landed);
        // A retried PUT of the same batch goes to the same key: ambiguous failures overwrite, never duplicate.
        Assert.Equal(0, report.Duplicated);
        return report;
    }

    [Fact]
    public async Task Messages_whose_put_always_fails_reach_the_dead_letter_queue_and_are_counted()
    {
        var eventType = ScenarioRun.EventType("poison");
        var poisonType = eventType + "_bad";
        var good = ScenarioRun.ValidEvents(eventType + "_ok", 200);
        var poison = ScenarioRun.ValidEvents(poisonType, 30).Select(m => (m.EventId, m.Body, Destination.DeadLetterQueue)).ToList();
        await using var proxy = await FaultProxy.StartAsync(environment.Endpoint);
        // The poison partition's PUT fails every time, however often it is retried.
        proxy.Rule = request => request.IsS3Put && request.Path.Contains("event_type=" + poisonType + "/", StringComparison.Ordinal)
            ? FaultAction.Fail
            : FaultAction.Forward;

        var clock = Stopwatch.StartNew();
        // Interleaved, so poison and good events share batches: a poison message must not hold back its neighbours.
        var mixed = new List<(string EventId, string Body, Destination Expected)>();
        for (var i = 0; i < good.Count; i++)
        {
            mixed.Add(good[i]);
            if (i < poison.Count)
            {
                mixed.Add(poison[i]);
            }
        }

        var sent = await EventSender.SendAsync(environment.Sqs, environment.QueueUrl, mixed);
        var drain = await InProcessRunner.DrainAsync(environment, proxy.Endpoint, batchSize: 50, timeout: TimeSpan.FromMinutes(10));
        var report = await LedgerCheck.RunAsync(environment, "poison-after-retries", sent, eventType, clock.Elapsed, new Dictionary<string, object>
        {
            ["puts_failed_500"] = proxy.Counts.GetValueOrDefault(FaultAction.Fail),
            ["failed_deliveries"] = drain.FailedDeliveries,
            ["unresolved_by_runner"] = drain.Unresolved,
        });
        report.Publish(output);

        Assert.Equal(0, report.Lost);
        Assert.Equal(0, report.Misplaced);
        Assert.Equal(poison.Count, report.InDeadLetterQueue);
        Assert.Equal(good.Count, report.Landed);
        // Each poison message was tried maxReceiveCount (5) times before SQS gave up on it.
        Assert.True(drain.FailedDeliveries >= poison.Count * 5, $"failed deliveries {drain.FailedDeliveries}");
    }
}
