using System.Diagnostics;
using System.Globalization;
using Amazon.S3.Model;
using Amazon.SQS.Model;
using DataPlatform.Operations.Query;
using DataPlatform.Operations.Tests.Support;
using DataPlatform.Processor.Configuration;
using Xunit.Abstractions;

namespace DataPlatform.Operations.Tests.Query;

/// <summary>
/// Issue 14's done-when scenario on the shared moto lake: events with deliberate duplicates (the same event id again
/// in another batch of the same hour, and in another batch of the next hour), drained by the real processor path, then
/// compacted by the engine in its own process while a loop queries <c>events</c> with DuckDB without pause; the
/// compaction is killed once when its first part appears, rerun, and then a later run deletes the raw files. Every
/// loop iteration must see each sent event id exactly once, and the compacted table must hold each exactly once.
/// </summary>
[Collection(MotoLakeCollection.Name)]
public sealed class CompactUnderQueryLoopTests(MotoLake moto, ITestOutputHelper output)
{
    private const int Hours = 4;
    private const int EventsPerHour = 150;
    private const int RedeliveredSameHour = 25;
    private const int RedeliveredNextHour = 25;

    [Fact]
    public async Task A_query_loop_sees_each_event_once_through_compaction_a_kill_a_rerun_and_raw_deletion()
    {
        var lake = await moto.CreateAsync("compact-loop");
        // Hours are chosen through the processor's partitioning: PARTITION_TIME=event, occurred_at in four closed hours.
        var settings = moto.Settings(lake.Bucket) with { PartitionTime = PartitionTime.Event };
        var now = DateTime.UtcNow;
        var firstHour = new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Utc).AddHours(-2 - Hours);
        var ledger = Enumerable.Range(0, Hours * EventsPerHour).Select(i => (Id: Id(i), Hour: firstHour.AddHours(i / EventsPerHour))).ToList();

        await SendAsync(lake.QueueUrl, ledger.Select(e => Body(e.Id, e.Hour)));
        await moto.DrainAsync(settings, lake.QueueUrl);
        // The redeliveries come in later batches: some in the event's own hour, some in the next one.
        var again = ledger.Where((_, i) => i % EventsPerHour < RedeliveredSameHour).Select(e => Body(e.Id, e.Hour))
            .Concat(ledger.Where((e, i) => i % EventsPerHour >= EventsPerHour - RedeliveredNextHour && e.Hour < firstHour.AddHours(Hours - 1))
                .Select(e => Body(e.Id, e.Hour.AddHours(1))))
            .ToList();
        await SendAsync(lake.QueueUrl, again);
        await moto.DrainAsync(settings, lake.QueueUrl);
        var expected = ledger.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        output.WriteLine($"sent {ledger.Count} events and {again.Count} redeliveries over {Hours} hours from {firstHour:yyyy-MM-dd HH}:00Z");

        var loop = new QueryLoop(new LakeMirror(moto.S3, lake.Bucket, "", Path.Combine(lake.StateDirectory, "loop-cache")), expected);
        var looping = Task.Run(loop.RunAsync);
        var clock = Stopwatch.StartNew();

        using (var first = CompactionChild.Start(settings.Endpoint!, lake.Bucket, now, "6h"))
        {
            loop.CompactionRunning = true;
            var firstPart = await WaitForFirstPartAsync(lake.Bucket, first);
            first.Kill();
            await first.WaitAsync(TimeSpan.FromSeconds(30));
            loop.CompactionRunning = false;
            var watermark = await WatermarkAsync(lake.Bucket);
            output.WriteLine($"killed the compaction when {firstPart} appeared; watermark then: {watermark ?? "absent"}");
            Assert.True(watermark is null || string.CompareOrdinal(watermark, firstHour.AddHours(Hours).ToString("yyyy-MM-ddTHH", CultureInfo.InvariantCulture)) < 0,
                $"The compaction finished every hour before it was killed (watermark {watermark}), so the kill was not midway. Its output:\n{first.Output}");
        }

        await RunToTheEndAsync(loop, CompactionChild.Start(settings.Endpoint!, lake.Bucket, now, "6h"), "rerun");
        // Raw deletion under the loop too: a run whose retention is 0 (so no clock needs to move hours ahead, and no empty
        // hours get compacted on the way) deletes every listed raw file now; the retention itself is the engine's test.
        await RunToTheEndAsync(loop, CompactionChild.Start(settings.Endpoint!, lake.Bucket, DateTime.UtcNow.AddSeconds(5), "0"), "raw deletion");
        await loop.AtLeastAsync(3);
        loop.Stop();
        await looping;

        output.WriteLine($"query loop: {loop.Iterations} iterations ({loop.IterationsDuringCompaction} while a compaction ran) in {clock.Elapsed.TotalSeconds:0.0} s; " +
            $"duplicates seen {loop.DuplicatesSeen}, missing {loop.MissingSeen}");
        Assert.True(loop.Failures.Count == 0, string.Join("\n", loop.Failures.Take(5)));
        Assert.True(loop.IterationsDuringCompaction >= 2, $"Only {loop.IterationsDuringCompaction} query iteration(s) ran while a compaction did.");

        var final = new LakeQuery(new LakeMirror(moto.S3, lake.Bucket, "", lake.CacheDirectory));
        var counted = await final.RunAsync(
            $"SELECT count(*) FILTER (WHERE n = 0), count(*) FILTER (WHERE n > 1), count(*) FILTER (WHERE NOT sent) FROM ({QueryLoop.Problems("compacted_events", expected)})",
            new QueryOptions());
        var compacted = await final.RunAsync("SELECT count(*), count(DISTINCT event_id) FROM compacted_events", new QueryOptions());
        var (lost, twice, unexpected) = ((long)counted.Rows[0][0]!, (long)counted.Rows[0][1]!, (long)counted.Rows[0][2]!);
        output.WriteLine($"ledger: {expected.Count} sent event ids; the compacted table holds {compacted.Rows[0][0]} rows, " +
            $"{compacted.Rows[0][1]} distinct ids; more than once: {twice}; never sent: {unexpected}; lost = {lost}");
        Assert.Equal((0L, 0L, 0L), (lost, twice, unexpected));
        Assert.Equal((long)expected.Count, compacted.Rows[0][0]);
        Assert.DoesNotContain(await moto.KeysAsync(lake.Bucket, "events/"), k => k.EndsWith(".parquet", StringComparison.Ordinal));
    }

    private async Task RunToTheEndAsync(QueryLoop loop, CompactionChild child, string name)
    {
        using (child)
        {
            loop.CompactionRunning = true;
            var code = await child.WaitAsync(TimeSpan.FromMinutes(2));
            loop.CompactionRunning = false;
            output.WriteLine($"{name}: {child.Output.Trim()}");
            Assert.True(code == 0, $"The compaction's {name} failed (exit {code}):\n{child.Output}");
        }
    }

    private async Task<string> WaitForFirstPartAsync(string bucket, CompactionChild child)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < deadline && !child.HasExited)
        {
            var listing = await moto.S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = "compacted/events/" });
            if (listing.S3Objects is { Count: > 0 } parts)
            {
                return parts[0].Key;
            }

            await Task.Delay(10);
        }

        throw new InvalidOperationException($"No compacted part appeared before the compaction exited or a minute passed. Its output:\n{child.Output}");
    }

    private async Task<string?> WatermarkAsync(string bucket)
    {
        var keys = await moto.KeysAsync(bucket, "compacted/_watermark/watermark.json");
        if (keys.Count == 0)
        {
            return null;
        }

        var text = System.Text.Encoding.UTF8.GetString(await moto.DownloadAsync(bucket, keys[0]));
        var start = text.IndexOf("\"compacted_through\":\"", StringComparison.Ordinal) + "\"compacted_through\":\"".Length;
        return text[start..text.IndexOf('"', start)];
    }

    private Task SendAsync(string queueUrl, IEnumerable<string> bodies) =>
        moto.SendAsync(queueUrl, bodies.Select((body, i) => new SendMessageBatchRequestEntry(i.ToString(CultureInfo.InvariantCulture), body)));

    private static string Id(int i) => string.Create(CultureInfo.InvariantCulture, $"loop-{i:D5}");

    private static string Body(string id, DateTime hour) => string.Create(CultureInfo.InvariantCulture,
        $$$"""{"event_id":"{{{id}}}","event_type":"{{{(id[^1] % 2 == 0 ? "order.created" : "order.paid")}}}","occurred_at":"{{{hour.AddSeconds(int.Parse(id[5..], CultureInfo.InvariantCulture) * 7 % 3600):yyyy-MM-ddTHH:mm:ssZ}}}","source":"loop","payload":{"id":"{{{id}}}"}}""");
}
