using System.Diagnostics;
using DataPlatform.Processor;
using DataPlatform.Reliability.Tests.Environment;
using DataPlatform.Reliability.Tests.Faults;
using DataPlatform.Reliability.Tests.Ledger;
using Xunit.Abstractions;

namespace DataPlatform.Reliability.Tests.Scenarios;

/// <summary>
/// The invocation's deadline against a misbehaving S3 (through the fault proxy in front of moto):
/// the handler answers before the function's timeout, names exactly the messages whose data is not
/// durable, and everything ends in the lake or the quarantine. The function's timeout is short here
/// (6 s, as FUNCTION_TIMEOUT_SECONDS would set it) so a hang costs seconds, not a minute; the hang itself
/// and the throttling run against 15 s (see <see cref="RoomyTimeout"/>).
/// </summary>
[Collection(DeployedCollection.Name)]
public sealed class DeadlineTests(DeployedEnvironment environment, ITestOutputHelper output)
{
    private static readonly TimeSpan FunctionTimeout = TimeSpan.FromSeconds(6);

    /// <summary>
    /// The hang waits out the whole budget, so its answer comes a margin before the timeout, and that margin
    /// (a tenth, at least half a second) must also cover the scheduler: on CI's two cores shared by three suites
    /// (load average 20) unwinding took 0.9 s once, past a 6 s function's 0.6 s margin. Lambda gives a function
    /// its own CPU; here a 15 s timeout's 1.5 s margin keeps the check about the handler, not the machine.
    /// The throttling run gets it too: its claim is that two 503s per object are retried inside one invocation,
    /// and on a loaded machine three attempts of a batch's objects can outlast a 6 s budget without any fault of the handler's.
    /// </summary>
    private static readonly TimeSpan RoomyTimeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task When_s3_hangs_the_handler_answers_before_its_timeout_naming_exactly_what_did_not_land()
    {
        var eventType = ScenarioRun.EventType("deadline_hang");
        var hung = eventType + "_t1";
        var messages = ScenarioRun.MixedEvents(eventType, 30, types: 3);
        await using var proxy = await FaultProxy.StartAsync(environment.Endpoint);
        // Every PUT of one partition hangs, retries included, for as long as the invocation lasts.
        proxy.Rule = request => request.IsS3Put && request.Path.Contains($"event_type={hung}/", StringComparison.Ordinal) ? FaultAction.Hold : FaultAction.Forward;

        var clock = Stopwatch.StartNew();
        var sent = await EventSender.SendAsync(environment.Sqs, environment.QueueUrl, messages);
        var (invocation, notDurable) = await InvokeOnceAsync(sent, eventType, proxy, RoomyTimeout);
        proxy.Rule = _ => FaultAction.Forward;
        proxy.ReleaseHeld();
        var drain = await InProcessRunner.DrainAsync(environment, proxy.Endpoint, functionTimeout: FunctionTimeout);
        var report = await LedgerCheck.RunAsync(environment, "deadline-s3-hangs", sent, eventType, clock.Elapsed, Figures(invocation, notDurable, new()
        {
            ["puts_held"] = proxy.Counts.GetValueOrDefault(FaultAction.Hold),
            ["redelivered_then_landed"] = drain.Deleted,
        }, RoomyTimeout));
        report.Publish(output);

        Assert.True(invocation.Answered < RoomyTimeout, $"answered after {invocation.Answered.TotalSeconds:F2} s; the function's timeout is {RoomyTimeout.TotalSeconds} s");
        Assert.True(proxy.Counts.GetValueOrDefault(FaultAction.Hold) > 0, "No PUT was held, so nothing hung.");
        Assert.Equal(notDurable.Order(StringComparer.Ordinal), invocation.FailedIds.Order(StringComparer.Ordinal));
        Assert.Equal(sent.Where(s => s.EventId.StartsWith(hung + "-", StringComparison.Ordinal)).Select(s => s.MessageId).Order(StringComparer.Ordinal),
            invocation.FailedIds.Order(StringComparer.Ordinal));
        AssertBalanced(report, messages.Count, quarantined: 0);
    }

    [Fact]
    public async Task Throttling_503_slowdown_is_retried_within_the_invocation_and_every_event_lands()
    {
        var eventType = ScenarioRun.EventType("deadline_slowdown");
        var messages = ScenarioRun.MixedEvents(eventType, 150, types: 3);
        var attempts = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var proxy = await FaultProxy.StartAsync(environment.Endpoint);
        // Every object's first two attempts are throttled: within the SDK's three retries, so no
        // message should need redelivery, and within the budget, so no invocation gives up.
        proxy.Rule = request =>
        {
            if (!request.IsS3Put)
            {
                return FaultAction.Forward;
            }

            lock (attempts)
            {
                attempts[request.Path] = attempts.GetValueOrDefault(request.Path) + 1;
                return attempts[request.Path] <= 2 ? FaultAction.SlowDown : FaultAction.Forward;
            }
        };

        var clock = Stopwatch.StartNew();
        var sent = await EventSender.SendAsync(environment.Sqs, environment.QueueUrl, messages);
        var drain = await InProcessRunner.DrainAsync(environment, proxy.Endpoint, batchSize: 50, functionTimeout: RoomyTimeout);
        var report = await LedgerCheck.RunAsync(environment, "deadline-s3-slowdown", sent, eventType, clock.Elapsed, new Dictionary<string, object>
        {
            ["function_timeout_seconds"] = RoomyTimeout.TotalSeconds,
            ["puts_throttled_503"] = proxy.Counts.GetValueOrDefault(FaultAction.SlowDown),
            ["objects"] = attempts.Count,
            ["failed_deliveries"] = drain.FailedDeliveries,
            ["batches"] = drain.Batches,
            ["drain_seconds"] = Math.Round(drain.Elapsed.TotalSeconds, 1),
        });
        report.Publish(output);

        Assert.True(attempts.Count > 0, "No PUT went through the proxy.");
        Assert.Equal(2 * attempts.Count, proxy.Counts.GetValueOrDefault(FaultAction.SlowDown));
        Assert.Equal(0, drain.FailedDeliveries);
        AssertBalanced(report, messages.Count, quarantined: 0);
    }

    [Fact]
    public async Task A_batch_of_good_quarantined_and_failed_partitions_reports_exactly_the_failed_partition()
    {
        var eventType = ScenarioRun.EventType("deadline_mixed");
        var failing = eventType + "_t1";
        var messages = ScenarioRun.MixedEvents(eventType, 30, types: 3);
        messages.AddRange(Enumerable.Range(0, 6).Select(i => ($"refused-{i}-{Guid.NewGuid():N}", "not json " + i, Destination.Quarantine)));
        await using var proxy = await FaultProxy.StartAsync(environment.Endpoint);
        // One partition's PUT fails every time (500) while the invocation runs; the rest are written.
        proxy.Rule = request => request.IsS3Put && request.Path.Contains($"event_type={failing}/", StringComparison.Ordinal) ? FaultAction.Fail : FaultAction.Forward;

        var clock = Stopwatch.StartNew();
        var sent = await EventSender.SendAsync(environment.Sqs, environment.QueueUrl, messages);
        var (invocation, notDurable) = await InvokeOnceAsync(sent, eventType, proxy);
        proxy.Rule = _ => FaultAction.Forward;
        var drain = await InProcessRunner.DrainAsync(environment, proxy.Endpoint, functionTimeout: FunctionTimeout);
        var report = await LedgerCheck.RunAsync(environment, "deadline-mixed-partitions", sent, eventType, clock.Elapsed, Figures(invocation, notDurable, new()
        {
            ["puts_failed_500"] = proxy.Counts.GetValueOrDefault(FaultAction.Fail),
            ["redelivered_then_landed"] = drain.Deleted,
        }));
        report.Publish(output);

        Assert.True(invocation.Answered < FunctionTimeout, $"answered after {invocation.Answered.TotalSeconds:F2} s");
        Assert.Equal(notDurable.Order(StringComparer.Ordinal), invocation.FailedIds.Order(StringComparer.Ordinal));
        Assert.Equal(sent.Where(s => s.EventId.StartsWith(failing + "-", StringComparison.Ordinal)).Select(s => s.MessageId).Order(StringComparer.Ordinal),
            invocation.FailedIds.Order(StringComparer.Ordinal));
        AssertBalanced(report, 30, quarantined: 6);
    }

    /// <summary>One invocation of the handler over all of <paramref name="sent"/>, then which of them are not durable.</summary>
    private async Task<(InvocationResult Invocation, HashSet<string> NotDurable)> InvokeOnceAsync(List<SentMessage> sent, string eventType, FaultProxy proxy, TimeSpan? timeout = null)
    {
        var ours = sent.Select(s => s.MessageId).ToHashSet(StringComparer.Ordinal);
        using var log = new StringWriter();
        var settings = environment.Settings(proxy.Endpoint) with { FunctionTimeout = timeout ?? FunctionTimeout };
        var invocation = await SingleInvocation.RunAsync(environment, settings, proxy.Endpoint, ours, log);
        var durable = await new LakeReader(environment.S3, environment.Bucket).DurableMessageIdsAsync(eventType, ours);
        output.WriteLine(log.ToString());
        return (invocation, ours.Where(id => !durable.Contains(id)).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>The closing note's figures: the answer's time against the timeout, the failed ids against what did not land.</summary>
    private Dictionary<string, object> Figures(InvocationResult invocation, HashSet<string> notDurable, Dictionary<string, object> more, TimeSpan? timeout = null)
    {
        var functionTimeout = timeout ?? FunctionTimeout;
        var failed = invocation.FailedIds.Order(StringComparer.Ordinal).ToList();
        var missing = notDurable.Order(StringComparer.Ordinal).ToList();
        output.WriteLine($"function timeout {functionTimeout.TotalSeconds} s, budget {InvocationBudget.For(functionTimeout).TotalSeconds} s, " +
            $"handler answered in {invocation.Answered.TotalSeconds:F2} s for {invocation.Messages} messages");
        output.WriteLine($"reported failed ({failed.Count}): {string.Join(", ", failed)}");
        output.WriteLine($"not durable after the answer ({missing.Count}): {string.Join(", ", missing)}");
        output.WriteLine($"reported failed == not durable: {failed.SequenceEqual(missing)}");
        more["function_timeout_seconds"] = functionTimeout.TotalSeconds;
        more["budget_seconds"] = InvocationBudget.For(functionTimeout).TotalSeconds;
        more["answered_seconds"] = Math.Round(invocation.Answered.TotalSeconds, 2);
        more["batch_messages"] = invocation.Messages;
        more["reported_failed"] = failed.Count;
        more["not_durable_after_answer"] = missing.Count;
        more["reported_equals_not_durable"] = failed.SequenceEqual(missing);
        return more;
    }

    private static void AssertBalanced(LedgerReport report, int landed, int quarantined)
    {
        Assert.Equal(0, report.Lost);
        Assert.True(report.Misplaced == 0, "misplaced: " + string.Join("; ", report.MisplacedIds));
        Assert.Equal(landed, report.Landed);
        Assert.Equal(quarantined, report.Quarantined);
        Assert.Equal(report.Sent, report.Landed + report.Quarantined);
        Assert.Equal(0, report.Duplicated);
    }
}
