using DataPlatform.Operations.Tests.Support;
using static DataPlatform.Operations.Tests.Compaction.CompactionLake;

namespace DataPlatform.Operations.Tests.Compaction;

[Collection(MotoLakeCollection.Name)]
public sealed class RawRetentionTests(MotoLake moto)
{
    [Fact]
    public async Task Raw_files_are_deleted_only_after_the_retention_and_only_when_an_inputs_list_names_them()
    {
        var lake = await CreateAsync(moto, "raw-retention");
        // A 2 h look-back: by the second run Hour0 is below the late-file window, so the late file stays unlisted.
        var settings = lake.Settings(s => s with { Lookback = TimeSpan.FromHours(2) });
        var listed = await lake.PutRawAsync(Hour0, "part-a", Row("e1", 1, 0, "m-1"));
        var compactedAt = Hour0.AddHours(2);
        await lake.RunAsync(settings, compactedAt);
        // A late file: it lands in an hour already below the watermark, so no inputs list names it.
        var late = await lake.PutRawAsync(Hour0, "part-late", Row("e2", 1, 0, "m-2"));

        var early = await lake.RunAsync(settings, compactedAt.AddHours(6).AddSeconds(-1));
        Assert.Equal(0, early.RawFilesDeleted);
        Assert.Contains(listed, await lake.KeysAsync("events/"));

        var due = await lake.RunAsync(settings, compactedAt.AddHours(6));

        Assert.Equal(1, due.RawFilesDeleted);
        Assert.Equal([late], await lake.KeysAsync("events/"));
        Assert.Single(await lake.KeysAsync("compacted/events/"));
        Assert.Contains(listed, System.Text.Encoding.UTF8.GetString(await lake.DownloadAsync("compacted/_inputs/dt=2026-11-30/hour=10/inputs.json")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_hours_between_raw_hours_get_an_empty_inputs_list_no_parts_and_the_watermark_moves_past_them()
    {
        var lake = await CreateAsync(moto, "empty-hours");
        await lake.PutRawAsync(Hour0, "part-a", Row("e1", 1, 0, "m-1"));
        await lake.PutRawAsync(Hour0.AddHours(3), "part-a", At(Hour0.AddHours(3), Row("e2", 1, 0, "m-2")));
        var lines = new List<DataPlatform.Compaction.HourProgress>();

        await lake.RunAsync(lake.Settings(), Hour0.AddHours(5), lines: lines);

        Assert.Equal([1L, 0L, 0L, 1L], lines.Select(l => l.RowsOut));
        Assert.Equal([1, 0, 0, 1], lines.Select(l => l.Parts));
        Assert.Equal(2, (await lake.KeysAsync("compacted/events/")).Count);
        Assert.Empty(await lake.DownloadAsync("compacted/_inputs/dt=2026-11-30/hour=11/inputs.json"));
        Assert.Equal(Hour0.AddHours(4), await lake.WatermarkAsync());
    }
}
