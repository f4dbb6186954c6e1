using System.Diagnostics;
using System.Globalization;
using DataPlatform.Reliability.Tests.Environment;
using DataPlatform.Reliability.Tests.Ledger;
using Xunit.Abstractions;

namespace DataPlatform.Reliability.Tests.Scenarios;

/// <summary>
/// Load: many events through the real queue and the real runner, then every one read back from the
/// lake's Parquet. CI sends 20,000 (moto's SQS sets the pace: 200-400 events/s on a 2-core machine
/// with fast_moto_server.py's speed-ups); RELIABILITY_EVENTS=100000 runs the larger proof.
/// </summary>
[Collection(DeployedCollection.Name)]
public sealed class LoadTests(DeployedEnvironment environment, ITestOutputHelper output)
{
    public const string EventsVariable = "RELIABILITY_EVENTS";

    public static int EventCount => int.TryParse(System.Environment.GetEnvironmentVariable(EventsVariable), NumberStyles.Integer,
        CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 20_000;

    [Fact]
    public async Task Every_event_of_a_large_mixed_load_lands_exactly_once()
    {
        var eventType = ScenarioRun.EventType("load");
        // Six event types, interleaved: every batch spans several partitions, as real traffic does.
        var messages = ScenarioRun.MixedEvents(eventType, EventCount, types: 6);

        // Producers and the runner work at the same time, as in production; producers also hold off
        // while the backlog is large, because moto's SQS slows down as a queue grows.
        var clock = Stopwatch.StartNew();
        var consuming = Task.Run(() => InProcessRunner.DrainAsync(environment, batchSize: 1000, timeout: TimeSpan.FromMinutes(30),
            maxMessages: EventCount, batchingWindow: TimeSpan.FromSeconds(5)));
        using var backlog = new QueueBacklog(environment.Sqs, environment.QueueUrl, limit: 2_000);
        var sent = await EventSender.SendAsync(environment.Sqs, environment.QueueUrl, messages, backlog: backlog);
        var sendTime = clock.Elapsed;
        var drain = await consuming;
        var rest = await InProcessRunner.DrainAsync(environment, batchSize: 1000);
        var elapsed = clock.Elapsed;

        var report = await LedgerCheck.RunAsync(environment, "load", sent, eventType, elapsed, new Dictionary<string, object>
        {
            ["send_seconds"] = Math.Round(sendTime.TotalSeconds, 2),
            ["drain_seconds"] = Math.Round(drain.Elapsed.TotalSeconds, 2),
            ["drain_events_per_second"] = Math.Round(drain.Received / drain.Elapsed.TotalSeconds, 1),
            ["batches"] = drain.Batches + rest.Batches,
            ["bytes_written"] = drain.BytesWritten,
            ["events_per_object"] = 0,
        });
        report = report with
        {
            Details = new Dictionary<string, object>(report.Details)
            {
                ["events_per_object"] = report.LakeObjects > 0 ? Math.Round((double)report.Landed / report.LakeObjects, 1) : 0,
            },
        };
        report.Publish(output);

        Assert.Equal(0, report.Lost);
        Assert.Equal(0, report.Misplaced);
        Assert.Equal(EventCount, report.Landed);
        Assert.Equal(0, report.Duplicated);
        Assert.Equal(0, drain.FailedDeliveries + rest.FailedDeliveries);
        // Bounded small files: a batch writes one object per event type (and hour) it holds.
        Assert.InRange(report.LakeObjects, 1, (drain.Batches + rest.Batches) * 6 * 2);
    }
}
