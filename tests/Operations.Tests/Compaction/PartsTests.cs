using Amazon.S3.Model;
using DataPlatform.Operations.Tests.Support;
using static DataPlatform.Operations.Tests.Compaction.CompactionLake;

namespace DataPlatform.Operations.Tests.Compaction;

[Collection(MotoLakeCollection.Name)]
public sealed class PartsTests(MotoLake moto)
{
    private const string KeyArn = "arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555";

    [Fact]
    public async Task A_big_hour_is_split_into_parts_that_continue_one_sort_order_and_hold_every_event_once()
    {
        var lake = await CreateAsync(moto, "parts-split");
        var rows = Enumerable.Range(0, 3000).Select(i => Row($"e{i:0000}", i % 60, 0, $"m-{i}")).ToArray();
        for (var f = 0; f < 6; f++)
        {
            await lake.PutRawAsync(Hour0, $"part-{f}", rows[(f * 500)..((f + 1) * 500)]);
        }

        var raw = (await lake.KeysAsync("events/")).Count;
        var settings = lake.Settings(s => s with { PartTargetBytes = 4_000 });
        await lake.RunAsync(settings, Hour0.AddHours(2));

        var compacted = await lake.CompactedRowsAsync();
        var parts = compacted.Select(r => r.Key).Distinct().ToList();
        Assert.Equal(6, raw);
        Assert.True(parts.Count >= 3, $"expected several parts at a 4 KB target, got {parts.Count}");
        Assert.Equal(rows.Select(r => r.EventId).Order(StringComparer.Ordinal), compacted.Select(r => r.EventId).Order(StringComparer.Ordinal));
        var order = compacted.Select(r => (r.OccurredAt, r.EventId)).ToList();
        Assert.Equal(order.OrderBy(o => o.OccurredAt).ThenBy(o => o.EventId, StringComparer.Ordinal), order);
    }

    [Fact]
    public async Task Every_object_compaction_writes_carries_the_lakes_KMS_key()
    {
        var lake = await CreateAsync(moto, "parts-kms");
        await lake.PutRawAsync(Hour0, "part-a", Row("e1", 1, 0, "m-1"));

        await lake.RunAsync(lake.Settings(s => s with { KmsKeyArn = KeyArn }), Hour0.AddHours(2));

        var written = await lake.KeysAsync("compacted/");
        Assert.Equal(3, written.Count);
        foreach (var key in written)
        {
            var head = await moto.S3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = lake.Bucket, Key = key });
            Assert.Equal("aws:kms", head.ServerSideEncryptionMethod?.Value);
            Assert.Equal(KeyArn, head.ServerSideEncryptionKeyManagementServiceKeyId);
        }
    }
}
