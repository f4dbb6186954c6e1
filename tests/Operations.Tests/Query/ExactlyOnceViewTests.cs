using System.Globalization;
using DataPlatform.Contracts;
using DataPlatform.Operations.Query;
using DataPlatform.Operations.Tests.Support;
using DataPlatform.Processor.Configuration;

namespace DataPlatform.Operations.Tests.Query;

/// <summary>
/// The crash table of docs/compaction.md, state by state: the lake is left as a compaction stopped after each of its
/// steps would leave it (parts, inputs list, watermark, late part, raw deletion), and after each one the views
/// <c>events</c> and <c>events_exactly_once</c> must show every sent event id exactly once.
/// </summary>
[Collection(MotoLakeCollection.Name)]
public sealed class ExactlyOnceViewTests(MotoLake moto)
{
    private const string Type = "order.created";
    private static readonly DateTime HourA = new(2026, 11, 30, 10, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime HourB = HourA.AddHours(1);

    [Fact]
    public async Task Every_state_a_compaction_can_stop_in_shows_each_event_once()
    {
        var lake = await moto.CreateAsync("exactly-once-states");
        var settings = moto.Settings(lake.Bucket) with { PartitionTime = PartitionTime.Event };
        var mirror = new LakeMirror(moto.S3, lake.Bucket, "", lake.CacheDirectory);
        var hand = new HandCompaction(moto.S3, lake.Bucket, Directory.CreateTempSubdirectory("hand-compaction-").FullName);
        var expected = Enumerable.Range(0, 12).Select(Id).ToList();

        // x-02 comes again in another batch of the same hour, x-04 again in another batch of the next hour.
        await SendAndDrainAsync(lake, settings, [.. Enumerable.Range(0, 12).Select(i => Body(i, i < 6 ? HourA : HourB))]);
        await SendAndDrainAsync(lake, settings, [Body(2, HourA), Body(4, HourB)]);
        Assert.Equal(14L, (await new LakeQuery(mirror).RunAsync("SELECT count(*) FROM events_raw", new QueryOptions())).Rows[0][0]);
        await AssertEachOnceAsync(mirror, expected, "nothing compacted");

        var rawA = await hand.RawKeysAsync(Type, HourA);
        await hand.WritePartAsync(Type, HourA);
        await AssertEachOnceAsync(mirror, expected, "crash after hour A's parts");
        await hand.WriteInputsAsync(Type, HourA);
        await AssertEachOnceAsync(mirror, expected, "crash after hour A's inputs list");
        await hand.MoveWatermarkAsync(HourB);
        await AssertEachOnceAsync(mirror, expected, "hour A compacted");

        await hand.WritePartAsync(Type, HourB);
        await hand.WritePartAsync(Type, HourB, "part-00001.parquet");
        await AssertEachOnceAsync(mirror, expected, "crash after hour B's parts, a stale part beside them");
        Assert.False(Directory.Exists(Path.Combine(mirror.Root, "compacted/events", $"event_type={Type}", "dt=2026-11-30", "hour=11")),
            "Query fetched parts of an hour the watermark has not passed.");
        await moto.S3.DeleteObjectAsync(lake.Bucket, $"compacted/events/event_type={Type}/dt=2026-11-30/hour=11/part-00001.parquet");
        await hand.WriteInputsAsync(Type, HourB);
        await hand.MoveWatermarkAsync(HourB.AddHours(1));
        await AssertEachOnceAsync(mirror, expected, "hour B compacted");
        Assert.Equal(12L, (await new LakeQuery(mirror).RunAsync("SELECT count(*) FROM compacted_events", new QueryOptions())).Rows[0][0]);

        // A late file in hour A, below the watermark: one new event and one already compacted.
        await SendAndDrainAsync(lake, settings, [Body(12, HourA), Body(1, HourA)]);
        expected.Add(Id(12));
        var late = (await hand.RawKeysAsync(Type, HourA)).Except(rawA).ToList();
        Assert.Single(late);
        await AssertEachOnceAsync(mirror, expected, "late file, not compacted yet");
        await hand.WritePartAsync(Type, HourA, "part-late-1.parquet", late);
        await AssertEachOnceAsync(mirror, expected, "crash after the late part");
        await hand.WriteInputsAsync(Type, HourA, "inputs-late-1.json", late);
        await AssertEachOnceAsync(mirror, expected, "late file compacted");

        await hand.DeleteRawAsync(Type, HourA);
        await hand.DeleteRawAsync(Type, HourB);
        await AssertEachOnceAsync(mirror, expected, "raw files deleted");
        Assert.Equal(0L, (await new LakeQuery(mirror).RunAsync("SELECT count(*) FROM events_raw", new QueryOptions())).Rows[0][0]);
    }

    [Fact]
    public void The_athena_views_in_docs_are_the_ones_the_code_generates()
    {
        var contracts = ContractLoader.LoadDirectory(Path.Combine(RepositoryRoot(), "contracts"));
        var views = new Dictionary<string, string> { ["events_exactly_once"] = ExactlyOnceSql.AthenaCreateView() };
        foreach (var contract in contracts.All)
        {
            views[TypedViewSql.ViewName(contract.EventType)] = TypedViewSql.AthenaCreateView(contract);
        }

        foreach (var (name, generated) in views)
        {
            var file = Path.Combine(RepositoryRoot(), "docs", "athena", name + ".sql");
            if (Environment.GetEnvironmentVariable("DATAPLATFORM_WRITE_ATHENA_SQL") == "1")
            {
                File.WriteAllText(file, generated);
            }

            Assert.True(File.Exists(file) && File.ReadAllText(file) == generated,
                $"{file} is not what the code generates. Regenerate it: DATAPLATFORM_WRITE_ATHENA_SQL=1 dotnet test tests/Operations.Tests -c Release --filter The_athena_views_in_docs_are_the_ones_the_code_generates");
        }

        Assert.Contains("r.\"$path\"", views["events_exactly_once"], StringComparison.Ordinal);
        Assert.Contains("THEN TRY_CAST(json_extract_scalar(payload, '$.amount') AS double) END AS amount", views["events_order_created"], StringComparison.Ordinal);
        Assert.Contains("FROM compacted_order_created c, watermark", views["events_order_created"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_contracted_type_has_a_view_with_its_payload_as_typed_columns_each_event_once()
    {
        var lake = await moto.CreateAsync("typed-view");
        var contracts = ContractLoader.LoadDirectory(Path.Combine(RepositoryRoot(), "contracts"));
        const string Order = """{"event_id":"t-1","event_type":"order.created","occurred_at":"2026-11-30T10:00:00Z","payload":{"order_id":"o-1","amount":42.5,"currency":"EUR","item_count":3,"gift":true,"placed_at":"2026-11-30T09:59:00Z"}}""";
        await moto.Sqs.SendMessageAsync(lake.QueueUrl, Order);
        await moto.DrainAsync(lake);
        await moto.Sqs.SendMessageAsync(lake.QueueUrl, Order);
        await moto.DrainAsync(lake);

        var result = await new LakeQuery(new LakeMirror(moto.S3, lake.Bucket, "", lake.CacheDirectory), contracts).RunAsync(
            "SELECT event_id, order_id, amount, currency, item_count, gift, placed_at = TIMESTAMPTZ '2026-11-30 09:59:00+00', typeof(placed_at) " +
            "FROM events_order_created", new QueryOptions());

        var row = Assert.Single(result.Rows);
        Assert.Equal(["t-1", "o-1", 42.5, "EUR", 3L, true, true, "TIMESTAMP WITH TIME ZONE"], row);
    }

    private async Task AssertEachOnceAsync(LakeMirror mirror, IReadOnlyList<string> expected, string state)
    {
        foreach (var view in new[] { "events", "events_exactly_once" })
        {
            var result = await new LakeQuery(mirror).RunAsync($"SELECT event_id, count(*) FROM {view} GROUP BY event_id ORDER BY event_id", new QueryOptions());
            var seen = result.Rows.ToDictionary(r => (string)r[0]!, r => (long)r[1]!);
            var twice = seen.Where(s => s.Value != 1).Select(s => $"{s.Key}×{s.Value}").ToList();
            var missing = expected.Where(id => !seen.ContainsKey(id)).ToList();
            var extra = seen.Keys.Except(expected).ToList();
            Assert.True(twice.Count == 0 && missing.Count == 0 && extra.Count == 0,
                $"{view}, {state}: duplicates [{string.Join(", ", twice)}], missing [{string.Join(", ", missing)}], unexpected [{string.Join(", ", extra)}].");
        }
    }

    private async Task SendAndDrainAsync(Reconcile.LakeUnderTest lake, ProcessorSettings settings, IReadOnlyList<string> bodies)
    {
        foreach (var body in bodies)
        {
            await moto.Sqs.SendMessageAsync(lake.QueueUrl, body);
        }

        await moto.DrainAsync(settings, lake.QueueUrl);
    }

    private static string Id(int i) => string.Create(CultureInfo.InvariantCulture, $"x-{i:D2}");

    private static string Body(int i, DateTime hour) => string.Create(CultureInfo.InvariantCulture,
        $$$"""{"event_id":"{{{Id(i)}}}","event_type":"{{{Type}}}","occurred_at":"{{{hour.AddMinutes(i):yyyy-MM-ddTHH:mm:ssZ}}}","source":"tests","payload":{"n":{{{i}}}}}""");

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "DataPlatform.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The tests run outside the repository: no DataPlatform.slnx above " + AppContext.BaseDirectory);
    }
}
