using DataPlatform.Operations.Tests.Support;
using static DataPlatform.Operations.Tests.Compaction.CompactionLake;

namespace DataPlatform.Operations.Tests.Compaction;

[Collection(MotoLakeCollection.Name)]
public sealed class DeduplicationTests(MotoLake moto)
{
    [Fact]
    public async Task Within_an_hour_the_first_sent_copy_is_kept_and_rows_are_sorted_by_occurred_at_then_event_id()
    {
        var lake = await CreateAsync(moto, "dedupe-hour");
        await lake.PutRawAsync(Hour0, "part-b", Row("e2", 5, 30, "m-late"), Row("e1", 9, 0, "m-1"), Row("e3", 5, 0, "m-3"));
        await lake.PutRawAsync(Hour0, "part-a", Row("e2", 5, 10, "m-early"), Row("e2", 5, 10, "m-early-twin"));
        var lines = new List<DataPlatform.Compaction.HourProgress>();

        var summary = await lake.RunAsync(lake.Settings(), Hour0.AddHours(2), lines: lines);

        var rows = await lake.CompactedRowsAsync();
        Assert.Equal(["e2", "e3", "e1"], rows.Select(r => r.EventId));
        Assert.Equal("m-early", rows[0].MessageId);
        Assert.Equal(["compacted/events/event_type=order.created/dt=2026-11-30/hour=10/part-00000.parquet"], rows.Select(r => r.Key).Distinct());
        var line = Assert.Single(lines);
        Assert.Equal((2, 5L, 2L, 0L, 3L), (line.Files, line.RowsIn, line.DuplicatesInHour, line.DuplicatesInLookback, line.RowsOut));
        Assert.Contains("5 row(s) in, 2 duplicate(s) dropped", line.ToString(), StringComparison.Ordinal);
        Assert.Equal(Hour0.AddHours(1), await lake.WatermarkAsync());
        Assert.Equal(Hour0.AddHours(1), summary.CompactedThrough);
    }

    [Fact]
    public async Task An_id_compacted_within_the_look_back_is_dropped_and_one_outside_it_is_kept_across_runs_too()
    {
        var lake = await CreateAsync(moto, "dedupe-lookback");
        await lake.PutRawAsync(Hour0, "part-a", Row("e1", 1, 0, "m-1"), Row("e9", 2, 0, "m-9", type: "order.paid"));
        await lake.PutRawAsync(Hour0.AddHours(1), "part-a", At(Hour0.AddHours(1), Row("e1", 1, 0, "m-1-again")), At(Hour0.AddHours(1), Row("e2", 3, 0, "m-2")));
        await lake.PutRawAsync(Hour0.AddHours(3), "part-a", At(Hour0.AddHours(3), Row("e1", 1, 0, "m-1-much-later")));
        await lake.PutRawAsync(Hour0.AddHours(3), "part-b", At(Hour0.AddHours(3), Row("e9", 1, 0, "m-9-later", type: "order.paid")));
        var settings = lake.Settings(s => s with { Lookback = TimeSpan.FromHours(2), MaxHours = 2 });
        var lines = new List<DataPlatform.Compaction.HourProgress>();

        // Two runs: the second loads the look-back from the parts in S3, not from the first run's memory.
        await lake.RunAsync(settings, Hour0.AddHours(6), lines: lines);
        await lake.RunAsync(settings, Hour0.AddHours(6), lines: lines);

        var rows = await lake.CompactedRowsAsync();
        Assert.Equal(1, rows.Count(r => r.MessageId == "m-1"));
        Assert.DoesNotContain(rows, r => r.MessageId == "m-1-again");
        Assert.Contains(rows, r => r.MessageId == "m-1-much-later");
        // Hour 3 looks back over [hour 1, hour 3): e1 there was dropped, e9 of hour 0 is outside, so both later copies stay.
        Assert.Contains(rows, r => r.MessageId == "m-9-later");
        Assert.Equal([0L, 1L, 0L, 0L], lines.Select(l => l.DuplicatesInLookback));
        Assert.Equal(Hour0.AddHours(4), await lake.WatermarkAsync());
    }

    [Fact]
    public async Task Hours_not_yet_past_their_grace_are_left_for_a_later_run()
    {
        var lake = await CreateAsync(moto, "dedupe-grace");
        await lake.PutRawAsync(Hour0, "part-a", Row("e1", 1, 0, "m-1"));
        await lake.PutRawAsync(Hour0.AddHours(1), "part-a", At(Hour0.AddHours(1), Row("e2", 1, 0, "m-2")));

        // Hour 1 closes at hour 1 + 1 h + 1 h of grace = hour 3: just before that, only hour 0 is compacted.
        var summary = await lake.RunAsync(lake.Settings(), Hour0.AddHours(3).AddSeconds(-1));

        Assert.Single(summary.Hours);
        Assert.Equal(Hour0.AddHours(1), await lake.WatermarkAsync());
        Assert.Equal(["e1"], (await lake.CompactedRowsAsync()).Select(r => r.EventId));
    }
}
