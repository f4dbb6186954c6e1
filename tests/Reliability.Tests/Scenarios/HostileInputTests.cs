using System.Diagnostics;
using System.Text.RegularExpressions;
using DataPlatform.Reliability.Tests.Environment;
using DataPlatform.Reliability.Tests.Ledger;
using Xunit.Abstractions;

namespace DataPlatform.Reliability.Tests.Scenarios;

/// <summary>
/// The hostile input corpus, mixed into batches of valid events: every kind is quarantined with a
/// reason, no batch fails because of it, its valid neighbours land, and no object key anywhere in
/// the bucket leaves the documented layout (event types with path characters never escape).
/// </summary>
[Collection(DeployedCollection.Name)]
public sealed partial class HostileInputTests(DeployedEnvironment environment, ITestOutputHelper output)
{
    [Fact]
    public async Task Every_hostile_kind_is_quarantined_with_a_reason_and_no_batch_fails()
    {
        var eventType = ScenarioRun.EventType("hostile");
        var corpus = HostileCorpus.Build(eventType);
        var valid = ScenarioRun.ValidEvents(eventType, corpus.Count);
        var messages = new List<(string EventId, string Body, Destination Expected)>();
        for (var i = 0; i < corpus.Count; i++)
        {
            messages.Add(($"{corpus[i].Kind}#{Guid.NewGuid():N}", corpus[i].Body, corpus[i].Expected));
            messages.Add(valid[i]);
        }

        var clock = Stopwatch.StartNew();
        var sent = await EventSender.SendAsync(environment.Sqs, environment.QueueUrl, messages, parallelism: 1);
        var drain = await InProcessRunner.DrainAsync(environment, batchSize: 50);
        var quarantine = new List<LakeRow>();
        var reader = new LakeReader(environment.S3, environment.Bucket);
        var ours = sent.Select(s => s.MessageId).ToHashSet(StringComparer.Ordinal);
        foreach (var key in await reader.ListAsync("quarantine/"))
        {
            quarantine.AddRange((await reader.ReadObjectAsync(key)).Where(r => ours.Contains(r.MessageId)));
        }

        var reasons = sent.Where(s => s.Expected == Destination.Quarantine).ToDictionary(
            s => s.EventId.Split('#')[0],
            s => (object)(quarantine.FirstOrDefault(r => r.MessageId == s.MessageId)?.Error ?? "(not in quarantine)"));
        var report = await LedgerCheck.RunAsync(environment, "hostile-input", sent, eventType, clock.Elapsed, new Dictionary<string, object>
        {
            ["kinds"] = corpus.Count,
            ["failed_deliveries"] = drain.FailedDeliveries,
            ["reasons"] = reasons,
        });
        report.Publish(output);

        Assert.True(corpus.Count >= 40, $"only {corpus.Count} kinds");
        Assert.Equal(0, report.Lost);
        Assert.True(report.Misplaced == 0, "misplaced: " + string.Join("; ", report.MisplacedIds));
        Assert.Equal(corpus.Count, report.Quarantined);
        Assert.Equal(valid.Count, report.Landed);
        // Bad input never fails a delivery: it is quarantined and acknowledged in the same batch.
        Assert.Equal(0, drain.FailedDeliveries);
        Assert.All(quarantine, r => Assert.False(string.IsNullOrWhiteSpace(r.Error), $"no reason for {r.MessageId}"));

        var keys = await reader.ListAsync("");
        var outside = keys.Where(k => !EventKey().IsMatch(k) && !QuarantineKey().IsMatch(k)).ToList();
        Assert.True(outside.Count == 0, "objects outside the lake layout: " + string.Join(", ", outside));
        Assert.DoesNotContain(keys, k => k.Contains("..", StringComparison.Ordinal) && !k.StartsWith("events/event_type=..", StringComparison.Ordinal));
    }

    /// <summary>The documented layout, with the event_type rule; one segment per partition, nothing else.</summary>
    [GeneratedRegex(@"^events/event_type=[A-Za-z0-9_.\-]{1,128}/dt=\d{4}-\d{2}-\d{2}/hour=\d{2}/part-[A-Za-z0-9_\-]+\.parquet$")]
    private static partial Regex EventKey();

    [GeneratedRegex(@"^quarantine/dt=\d{4}-\d{2}-\d{2}/part-[A-Za-z0-9_\-]+\.parquet$")]
    private static partial Regex QuarantineKey();
}
