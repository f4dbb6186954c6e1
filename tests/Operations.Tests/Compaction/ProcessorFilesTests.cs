using Amazon.SQS.Model;
using DataPlatform.Operations.Tests.Reconcile;
using DataPlatform.Operations.Tests.Support;

namespace DataPlatform.Operations.Tests.Compaction;

[Collection(MotoLakeCollection.Name)]
public sealed class ProcessorFilesTests(MotoLake moto)
{
    [Fact]
    public async Task What_the_real_processor_landed_including_a_redelivered_event_is_compacted_to_each_event_once()
    {
        var (bucket, queueUrl, _) = await moto.CreateEnvironmentAsync("compact-processor");
        var bodies = Enumerable.Range(0, 12).Select(i => TestEvents.Valid("cp", i)).ToList();
        await moto.SendAsync(queueUrl, bodies.Select((b, i) => new SendMessageBatchRequestEntry($"m{i}", b)));
        await moto.DrainAsync(moto.Settings(bucket), queueUrl);
        // The same event sent again: another message, another batch, another raw file.
        await moto.SendAsync(queueUrl, [new SendMessageBatchRequestEntry("again", bodies[3])]);
        await moto.DrainAsync(moto.Settings(bucket), queueUrl);
        var lake = new CompactionLake(moto, bucket);
        var raw = await lake.KeysAsync("events/");

        var summary = await lake.RunAsync(lake.Settings(), DateTime.UtcNow.AddHours(3));

        var rows = await lake.CompactedRowsAsync();
        Assert.True(raw.Count >= 3, $"expected the redelivery in a file of its own, got {raw.Count} raw files");
        Assert.Equal(13, summary.RowsIn);
        Assert.Equal(1, summary.DuplicatesDropped);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"cp-{i:D4}"), rows.Select(r => r.EventId).Order(StringComparer.Ordinal));
        Assert.Equal(2, rows.Select(r => r.EventType).Distinct().Count());
    }
}
