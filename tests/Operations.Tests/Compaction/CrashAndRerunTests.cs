using Amazon.S3.Model;
using DataPlatform.Compaction;
using DataPlatform.Operations.Tests.Support;
using static DataPlatform.Operations.Tests.Compaction.CompactionLake;

namespace DataPlatform.Operations.Tests.Compaction;

[Collection(MotoLakeCollection.Name)]
public sealed class CrashAndRerunTests(MotoLake moto)
{
    private static readonly DateTime Now = Hour0.AddHours(4);

    [Theory]
    [InlineData(CompactionStep.PartWritten, 1)]
    [InlineData(CompactionStep.PartWritten, 3)]
    [InlineData(CompactionStep.StalePartsRemoved, 0)]
    [InlineData(CompactionStep.InputsWritten, 0)]
    public async Task A_crash_after_a_step_of_the_second_hour_hides_it_from_readers_and_a_rerun_writes_the_same_objects(CompactionStep step, int afterParts)
    {
        var clean = await FilledAsync("crash-clean");
        var crashed = await FilledAsync("crash-" + step.ToString().ToLowerInvariant());
        await clean.RunAsync(Small(clean), Now);

        var crash = await Assert.ThrowsAsync<InvalidOperationException>(() => crashed.RunAsync(Small(crashed), Now, c =>
            c.Hour == Hour0.AddHours(1) && c.Step == step && (afterParts == 0 || c.PartsWritten == afterParts)
                ? throw new InvalidOperationException("crash")
                : ValueTask.CompletedTask));
        Assert.Equal("crash", crash.Message);
        Assert.Equal(Hour0.AddHours(1), await crashed.WatermarkAsync());

        await crashed.RunAsync(Small(crashed), Now);

        Assert.Equal(await ContentsAsync(clean), await ContentsAsync(crashed));
        Assert.Equal(Hour0.AddHours(3), await crashed.WatermarkAsync());
    }

    [Fact]
    public async Task Parts_a_crashed_run_left_with_other_input_are_removed_when_the_hour_is_rewritten()
    {
        var lake = await FilledAsync("crash-stale");
        var stale = new CompactionKeys("").Part("order.created", Hour0, 7);
        var goneType = new CompactionKeys("").Part("order.cancelled", Hour0, 0);
        await lake.PutAsync(stale, RawParquet([Row("old", 1, 0, "m-old")]));
        await lake.PutAsync(goneType, RawParquet([Row("old2", 1, 0, "m-old2", type: "order.cancelled")]));

        await lake.RunAsync(Small(lake), Now);

        var keys = await lake.KeysAsync("compacted/events/");
        Assert.DoesNotContain(stale, keys);
        Assert.DoesNotContain(goneType, keys);
        Assert.DoesNotContain(await lake.CompactedRowsAsync(), r => r.EventId.StartsWith("old", StringComparison.Ordinal));
    }

    private static CompactionSettings Small(CompactionLake lake) => lake.Settings(s => s with { PartTargetBytes = 2_000 });

    /// <summary>Three hours, the second big enough for several parts at a 2 KB target.</summary>
    private async Task<CompactionLake> FilledAsync(string name)
    {
        var lake = await CreateAsync(moto, name);
        for (var h = 0; h < 3; h++)
        {
            var hour = Hour0.AddHours(h);
            var rows = Enumerable.Range(0, h == 1 ? 400 : 20)
                .Select(i => At(hour, Row($"h{h}-e{i:000}", i % 60, i % 7, $"m-{h}-{i}", type: i % 3 == 0 ? "order.paid" : "order.created")))
                .ToArray();
            await lake.PutRawAsync(hour, "part-a", rows[..(rows.Length / 2)]);
            await lake.PutRawAsync(hour, "part-b", rows[(rows.Length / 2)..]);
        }

        return lake;
    }

    /// <summary>Every compacted object's key and bytes, except the watermark (its run id and time differ by design).</summary>
    private static async Task<List<(string Key, string Sha)>> ContentsAsync(CompactionLake lake)
    {
        var contents = new List<(string, string)>();
        foreach (var key in (await lake.KeysAsync("compacted/")).Where(k => !k.Contains("_watermark", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var bytes = await lake.DownloadAsync(key);
            var text = key.EndsWith(".json", StringComparison.Ordinal)
                ? System.Text.Encoding.UTF8.GetString(bytes).Replace(lake.Bucket, "<bucket>", StringComparison.Ordinal)
                : Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes));
            contents.Add((key, text));
        }

        Assert.Contains(contents, c => c.Item1.EndsWith("part-00002.parquet", StringComparison.Ordinal));
        return contents;
    }
}
