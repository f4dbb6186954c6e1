using DataPlatform.Compaction;
using DataPlatform.Operations.Query;
using DataPlatform.Operations.Tests.Support;
using static DataPlatform.Operations.Tests.Compaction.CompactionLake;

namespace DataPlatform.Operations.Tests.Compaction;

/// <summary>
/// Late files (docs/compaction.md, "Late files"): raw files landing in an hour already below the watermark are added
/// to it as a late part and a late inputs list, then deleted after the retention, while the Query view shows each
/// event once at every step; files below the window are left raw.
/// </summary>
[Collection(MotoLakeCollection.Name)]
public sealed class LateFilesTests(MotoLake moto)
{
    private const string HourFolder = "dt=2026-11-30/hour=10/";
    private const string CompactedHour0 = "compacted/events/event_type=order.created/" + HourFolder;
    private const string InputsHour0 = "compacted/_inputs/" + HourFolder;

    [Fact]
    public async Task A_late_file_becomes_a_late_part_and_list_and_is_deleted_after_the_retention_even_below_the_deletion_mark()
    {
        var lake = await CreateAsync(moto, "late-compacted");
        var mirror = Mirror(lake);
        await lake.PutRawAsync(Hour0, "part-a", Row("e1", 1, 0, "m-1"), Row("e2", 2, 0, "m-2"));
        await lake.RunAsync(lake.Settings(), Hour0.AddHours(2));
        // Hour0's raw file is deleted here, so the deletion mark passes Hour0 before the late file lands.
        var first = await lake.RunAsync(lake.Settings(), Hour0.AddHours(8));
        Assert.Equal(1, first.RawFilesDeleted);
        Assert.Empty(await lake.KeysAsync("events/"));

        // A redelivered copy of e2 (sent later) and a new event e3, in the compacted hour.
        var late = await lake.PutRawAsync(Hour0, "part-late-batch", Row("e2", 2, 40, "m-2-again"), Row("e3", 3, 0, "m-3"));
        await AssertEachOnceAsync(mirror, ["e1", "e2", "e3"], "late file, not compacted yet");

        var lines = new List<HourProgress>();
        var run = await lake.RunAsync(lake.Settings(), Hour0.AddHours(9), lines: lines);

        Assert.Equal(new LateSummary(1, 1, 1), run.Late);
        Assert.Contains("1 late file(s) compacted in 1 hour(s)", run.ToString(), StringComparison.Ordinal);
        // A progress line for the late hour, as each regular hour has: two rows in, one already compacted, one out.
        var line = Assert.Single(lines, l => l.Late);
        Assert.StartsWith("late files of hour 2026-11-30 10:00Z: 1 file(s), 2 row(s) in, 1 duplicate(s) dropped", line.ToString(), StringComparison.Ordinal);
        Assert.Contains("1 row(s) out in 1 part(s)", line.ToString(), StringComparison.Ordinal);
        var parts = await lake.KeysAsync(CompactedHour0);
        var latePart = Assert.Single(parts, k => k.StartsWith(CompactedHour0 + "part-late-", StringComparison.Ordinal));
        var lateList = Assert.Single(await lake.KeysAsync(InputsHour0), k => k.StartsWith(InputsHour0 + "inputs-late-", StringComparison.Ordinal));
        Assert.Equal(latePart[(CompactedHour0 + "part-late-").Length..^".parquet".Length], lateList[(InputsHour0 + "inputs-late-").Length..^".json".Length]);
        Assert.Contains(late, System.Text.Encoding.UTF8.GetString(await lake.DownloadAsync(lateList)), StringComparison.Ordinal);
        // Only e3 is new: e2 stays the copy hour 10's regular part holds.
        Assert.Equal([("e3", "m-3")], (await lake.CompactedRowsAsync()).Where(r => r.Key == latePart).Select(r => (r.EventId, r.MessageId)));
        await AssertEachOnceAsync(mirror, ["e1", "e2", "e3"], "late file compacted");
        await AssertCompactedOnceAsync(mirror, ["e1", "e2", "e3"]);

        var early = await lake.RunAsync(lake.Settings(), Hour0.AddHours(15).AddSeconds(-1));
        Assert.Contains(late, await lake.KeysAsync("events/"));
        var due = await lake.RunAsync(lake.Settings(), Hour0.AddHours(15));
        Assert.DoesNotContain(late, await lake.KeysAsync("events/"));
        // Only the late file: Hour0's regular file, deleted before the mark was held back, is not counted again.
        Assert.Equal(1, due.RawFilesDeleted);
        Assert.Equal(0, early.Late!.Files + due.Late!.Files);
        await AssertEachOnceAsync(mirror, ["e1", "e2", "e3"], "late file deleted");
    }

    [Fact]
    public async Task A_late_file_of_already_compacted_events_gets_a_list_but_no_part_and_is_deleted()
    {
        var lake = await CreateAsync(moto, "late-duplicates");
        var mirror = Mirror(lake);
        await lake.PutRawAsync(Hour0, "part-a", Row("e1", 1, 0, "m-1"), Row("e2", 2, 0, "m-2"));
        await lake.RunAsync(lake.Settings(), Hour0.AddHours(2));
        // e1 again in the compacted hour, and e2 again in the next hour, compacted in the same run as the late pass.
        var late = await lake.PutRawAsync(Hour0, "part-late-batch", Row("e1", 1, 30, "m-1-again"));
        await lake.PutRawAsync(Hour0.AddHours(1), "part-b", At(Hour0.AddHours(1), Row("e2", 2, 0, "m-2-again")));

        var run = await lake.RunAsync(lake.Settings(), Hour0.AddHours(3));

        Assert.Equal(new LateSummary(1, 1, 0), run.Late);
        Assert.Equal([CompactedHour0 + "part-00000.parquet"], await lake.KeysAsync(CompactedHour0));
        var lateList = Assert.Single(await lake.KeysAsync(InputsHour0), k => k.StartsWith(InputsHour0 + "inputs-late-", StringComparison.Ordinal));
        Assert.Contains(late, System.Text.Encoding.UTF8.GetString(await lake.DownloadAsync(lateList)), StringComparison.Ordinal);
        Assert.Equal([("e1", "m-1"), ("e2", "m-2")], (await lake.CompactedRowsAsync()).Select(r => (r.EventId, r.MessageId)));
        await AssertEachOnceAsync(mirror, ["e1", "e2"], "late duplicates listed");

        await lake.RunAsync(lake.Settings(), Hour0.AddHours(9));
        Assert.Empty(await lake.KeysAsync("events/"));
        await AssertEachOnceAsync(mirror, ["e1", "e2"], "raw files deleted");
    }

    [Fact]
    public async Task A_crash_between_the_late_part_and_its_list_is_rerun_to_the_same_names_and_each_event_shows_once_throughout()
    {
        var lake = await CreateAsync(moto, "late-crash");
        var mirror = Mirror(lake);
        await lake.PutRawAsync(Hour0, "part-a", Row("e1", 1, 0, "m-1"));
        await lake.RunAsync(lake.Settings(), Hour0.AddHours(2));
        await lake.PutRawAsync(Hour0, "part-late-batch", Row("e1", 1, 30, "m-1-again"), Row("e2", 2, 0, "m-2"));
        await lake.PutRawAsync(Hour0, "part-late-batch-2", Row("e3", 3, 0, "m-3", type: "order.shipped"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => lake.RunAsync(lake.Settings(), Hour0.AddHours(3),
            c => c.Step == CompactionStep.LatePartWritten ? throw new InvalidOperationException("crash") : ValueTask.CompletedTask));

        var crashed = await lake.KeysAsync("compacted/events/");
        Assert.Single(crashed, k => CompactionKeys.IsLatePart(k));
        Assert.DoesNotContain(await lake.KeysAsync(InputsHour0), CompactionKeys.IsLateInputs);
        await AssertEachOnceAsync(mirror, ["e1", "e2", "e3"], "crash after the first late part");

        var rerun = await lake.RunAsync(lake.Settings(), Hour0.AddHours(3));

        Assert.Equal(2, rerun.Late!.Files);
        var parts = await lake.KeysAsync("compacted/events/");
        Assert.Equal(2, parts.Count(CompactionKeys.IsLatePart));
        Assert.Superset(crashed.ToHashSet(), parts.ToHashSet());
        var hash = crashed.Single(CompactionKeys.IsLatePart).Split("part-late-")[1].Replace(".parquet", "", StringComparison.Ordinal);
        Assert.All(parts.Where(CompactionKeys.IsLatePart), k => Assert.EndsWith($"part-late-{hash}.parquet", k, StringComparison.Ordinal));
        Assert.Equal([InputsHour0 + $"inputs-late-{hash}.json"], (await lake.KeysAsync(InputsHour0)).Where(CompactionKeys.IsLateInputs));
        await AssertEachOnceAsync(mirror, ["e1", "e2", "e3"], "rerun after the crash");
        await AssertCompactedOnceAsync(mirror, ["e1", "e2", "e3"]);

        // Nothing late is left: a third run writes nothing more.
        var third = await lake.RunAsync(lake.Settings(), Hour0.AddHours(3));
        Assert.Equal(0, third.Late!.Files);
        Assert.Equal(parts.Order(StringComparer.Ordinal), (await lake.KeysAsync("compacted/events/")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_late_file_older_than_the_window_stays_raw_unlisted_and_visible_once()
    {
        var lake = await CreateAsync(moto, "late-old");
        var mirror = Mirror(lake);
        await lake.PutRawAsync(Hour0, "part-a", Row("e1", 1, 0, "m-1"));
        await lake.RunAsync(lake.Settings(), Hour0.AddHours(2));
        var late = await lake.PutRawAsync(Hour0, "part-late-batch", Row("e5", 5, 0, "m-5"));

        // The watermark ends up at Hour0 + 29 h: Hour0 is more than the 24 h look-back below it.
        var run = await lake.RunAsync(lake.Settings(s => s with { MaxHours = 100 }), Hour0.AddHours(30));
        Assert.Equal(Hour0.AddHours(29), await lake.WatermarkAsync());
        Assert.Equal(0, run.Late!.Files);
        await lake.RunAsync(lake.Settings(s => s with { MaxHours = 100 }), Hour0.AddHours(40));

        Assert.Equal([late], await lake.KeysAsync("events/"));
        Assert.DoesNotContain(await lake.KeysAsync("compacted/events/"), CompactionKeys.IsLatePart);
        Assert.DoesNotContain(await lake.KeysAsync(InputsHour0), CompactionKeys.IsLateInputs);
        await AssertEachOnceAsync(mirror, ["e1", "e5"], "late file below the window");
    }

    [Fact]
    public async Task Rewriting_an_hour_after_the_watermark_moved_back_keeps_its_late_part_and_leaves_its_late_files_out()
    {
        var lake = await CreateAsync(moto, "late-rewrite");
        var mirror = Mirror(lake);
        await lake.PutRawAsync(Hour0, "part-a", Row("e1", 1, 0, "m-1"));
        await lake.RunAsync(lake.Settings(), Hour0.AddHours(2));
        await lake.PutRawAsync(Hour0, "part-late-batch", Row("e2", 2, 0, "m-2"));
        await lake.RunAsync(lake.Settings(), Hour0.AddHours(2));
        var before = (await lake.KeysAsync(CompactedHour0)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(2, before.Count);

        // An operator recompacts Hour0: the watermark is put back before it.
        using (var mark = new Watermark(Hour0, Hour0.AddHours(2), "operator").ToJson())
        {
            await lake.PutAsync("compacted/_watermark/watermark.json", mark.ToArray());
        }

        await lake.RunAsync(lake.Settings(), Hour0.AddHours(2));

        Assert.Equal(before, (await lake.KeysAsync(CompactedHour0)).Order(StringComparer.Ordinal));
        Assert.Equal([("e1", "part-00000"), ("e2", "part-late")], (await lake.CompactedRowsAsync()).Select(r => (r.EventId, r.Key.Contains("part-late", StringComparison.Ordinal) ? "part-late" : "part-00000")));
        await AssertEachOnceAsync(mirror, ["e1", "e2"], "hour rewritten");
    }

    [Fact]
    public void The_late_window_is_bounded_by_the_views_look_back()
    {
        // A late part is hidden from the view's raw branch only within the view's look-back before the watermark.
        Assert.Equal(ExactlyOnceSql.DefaultLookbackHours, LateCompaction.ViewLookbackHours);
    }

    [Fact]
    public async Task A_look_back_longer_than_the_views_still_leaves_late_files_beyond_the_views_look_back_raw()
    {
        var lake = await CreateAsync(moto, "late-long-lookback");
        var mirror = Mirror(lake);
        var settings = lake.Settings(s => s with { Lookback = TimeSpan.FromHours(48), MaxHours = 100 });
        await lake.PutRawAsync(Hour0, "part-a", Row("e1", 1, 0, "m-1"));
        await lake.RunAsync(settings, Hour0.AddHours(2));
        await lake.PutRawAsync(Hour0, "part-late-batch", Row("e2", 2, 0, "m-2"));

        // Watermark Hour0 + 29 h: Hour0 is within the 48 h look-back but not the view's 24 h.
        var run = await lake.RunAsync(settings, Hour0.AddHours(30));

        Assert.Equal(0, run.Late!.Files);
        Assert.DoesNotContain(await lake.KeysAsync("compacted/events/"), CompactionKeys.IsLatePart);
        await AssertEachOnceAsync(mirror, ["e1", "e2"], "late file beyond the view's look-back");
    }

    private LakeMirror Mirror(CompactionLake lake) =>
        new(moto.S3, lake.Bucket, "", Directory.CreateTempSubdirectory("late-files-").FullName);

    private static async Task AssertEachOnceAsync(LakeMirror mirror, IReadOnlyList<string> expected, string state)
    {
        var result = await new LakeQuery(mirror).RunAsync("SELECT event_id, count(*) FROM events GROUP BY event_id ORDER BY event_id", new QueryOptions());
        Assert.True(result.Rows.Select(r => ((string)r[0]!, (long)r[1]!)).SequenceEqual(expected.Select(id => (id, 1L))),
            $"{state}: the view shows [{string.Join(", ", result.Rows.Select(r => $"{r[0]}×{r[1]}"))}], expected each of [{string.Join(", ", expected)}] once.");
    }

    private static async Task AssertCompactedOnceAsync(LakeMirror mirror, IReadOnlyList<string> expected)
    {
        var result = await new LakeQuery(mirror).RunAsync("SELECT event_id, count(*) FROM compacted_events GROUP BY event_id ORDER BY event_id", new QueryOptions());
        Assert.Equal(expected.Select(id => (id, 1L)), result.Rows.Select(r => ((string)r[0]!, (long)r[1]!)));
    }
}
