using System.Diagnostics;
using Amazon.SQS.Model;
using DataPlatform.Reliability.Tests.Environment;
using DataPlatform.Reliability.Tests.Faults;
using DataPlatform.Reliability.Tests.Ledger;
using Xunit.Abstractions;

namespace DataPlatform.Reliability.Tests.Scenarios;

/// <summary>
/// The runner killed (SIGKILL) mid-batch, at the two moments that matter: after the batch's PUT
/// but before its delete, and before the PUT. The fault proxy holds the chosen request so the kill
/// lands exactly there. After a restart nothing may be lost, and only the redelivered batch may
/// be duplicated; the test measures whether its deterministic object name made it overwrite.
/// </summary>
[Collection(DeployedCollection.Name)]
public sealed class CrashTests(DeployedEnvironment environment, ITestOutputHelper output)
{
    /// <summary>Short visibility while crashing, so the killed runner's in-flight messages come back in seconds.</summary>
    private const string CrashVisibilitySeconds = "20";

    [Fact]
    public async Task Killed_after_the_put_and_before_the_delete_loses_nothing_and_redelivery_overwrites()
    {
        var eventType = ScenarioRun.EventType("crash_after_put");
        var (sent, before, elapsed, killed) = await CrashAsync(eventType, r => r.IsSqs("DeleteMessageBatch"));
        var reader = new LakeReader(environment.S3, environment.Bucket);
        var heldIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in before.Keys)
        {
            heldIds.UnionWith((await reader.ReadObjectAsync(key)).Select(r => r.EventId!));
        }

        var after = await ObjectsAsync(eventType);
        var rewritten = before.Count(b => after.TryGetValue(b.Key, out var etag) && etag != b.Value);
        var report = await LedgerCheck.RunAsync(environment, "crash-after-put", sent, eventType, elapsed, new Dictionary<string, object>
        {
            ["killed_runner_pid"] = killed,
            ["objects_written_before_kill"] = before.Count,
            ["events_in_killed_batch"] = heldIds.Count,
            ["killed_batch_objects_rewritten_under_same_key"] = rewritten,
            ["objects_after_restart"] = after.Count,
        });
        report.Publish(output);

        Assert.NotEmpty(before);
        Assert.Equal(0, report.Lost);
        Assert.Equal(0, report.Misplaced);
        Assert.Equal(sent.Count, report.Landed);
        // Duplicates, if any, may only be events of the batch whose delete never happened.
        var duplicated = await DuplicatedIdsAsync(reader, eventType);
        Assert.Subset(heldIds, duplicated);
        output.WriteLine($"redelivered batch: {heldIds.Count} events; duplicated after restart: {duplicated.Count}; " +
            $"pre-crash objects rewritten under the same key: {rewritten}/{before.Count}");
    }

    [Fact]
    public async Task Killed_before_the_put_loses_nothing_and_duplicates_nothing()
    {
        var eventType = ScenarioRun.EventType("crash_before_put");
        var (sent, before, elapsed, killed) = await CrashAsync(eventType, r => r.IsEventPut);
        var report = await LedgerCheck.RunAsync(environment, "crash-before-put", sent, eventType, elapsed, new Dictionary<string, object>
        {
            ["killed_runner_pid"] = killed,
            ["objects_written_before_kill"] = before.Count,
        });
        report.Publish(output);

        // Held at its first PUT, the killed runner wrote nothing: the whole batch is simply redelivered.
        Assert.Empty(before);
        Assert.Equal(0, report.Lost);
        Assert.Equal(0, report.Misplaced);
        Assert.Equal(sent.Count, report.Landed);
        Assert.Equal(0, report.Duplicated);
    }

    private async Task<(List<SentMessage> Sent, Dictionary<string, string> Before, TimeSpan Elapsed, int KilledPid)> CrashAsync(
        string eventType, Func<ProxiedRequest, bool> holdWhen)
    {
        var messages = ScenarioRun.ValidEvents(eventType, 300);
        var original = (await environment.Sqs.GetQueueAttributesAsync(environment.QueueUrl, ["VisibilityTimeout"])).VisibilityTimeout;
        await using var proxy = await FaultProxy.StartAsync(environment.Endpoint);
        proxy.Rule = request => holdWhen(request) ? FaultAction.Hold : FaultAction.Forward;
        var clock = Stopwatch.StartNew();
        try
        {
            await SetVisibilityAsync(CrashVisibilitySeconds);
            var sent = await EventSender.SendAsync(environment.Sqs, environment.QueueUrl, messages);
            int killedPid;
            using (var runner = ChildRunner.Start(environment, proxy.Endpoint, batchSize: 100))
            {
                var held = await Task.WhenAny(proxy.FirstHold, Task.Delay(TimeSpan.FromSeconds(90)));
                Assert.True(held == proxy.FirstHold, "The runner never reached the request to crash at.\n" + runner.Output);
                killedPid = runner.ProcessId;
                runner.Kill();
            }

            var before = await ObjectsAsync(eventType);
            // Later requests (the restarted runner's) pass; the held one dies with its connection.
            proxy.Rule = _ => FaultAction.Forward;
            proxy.ReleaseHeld();
            var drain = await InProcessRunner.DrainAsync(environment, batchSize: 100);
            Assert.Equal(0, drain.Unresolved);
            return (sent, before, clock.Elapsed, killedPid);
        }
        finally
        {
            await SetVisibilityAsync(original.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private Task SetVisibilityAsync(string seconds) =>
        environment.Sqs.SetQueueAttributesAsync(environment.QueueUrl, new Dictionary<string, string> { ["VisibilityTimeout"] = seconds });

    /// <summary>Object key → ETag of the scenario's lake objects; a changed ETag under the same key is an overwrite.</summary>
    private async Task<Dictionary<string, string>> ObjectsAsync(string eventType)
    {
        var keys = await new LakeReader(environment.S3, environment.Bucket).ListAsync($"events/event_type={eventType}/");
        var objects = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            objects[key] = (await environment.S3.GetObjectMetadataAsync(environment.Bucket, key)).ETag;
        }

        return objects;
    }

    private static async Task<HashSet<string>> DuplicatedIdsAsync(LakeReader reader, string eventType)
    {
        var (rows, _) = await reader.ReadAsync($"events/event_type={eventType}/");
        return rows.GroupBy(r => r.EventId!).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
    }
}
