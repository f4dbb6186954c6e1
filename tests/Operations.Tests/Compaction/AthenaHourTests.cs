using System.Text;
using DataPlatform.Aws;
using DataPlatform.Compaction;
using DataPlatform.Compaction.Athena;
using DataPlatform.Emulator;
using DataPlatform.Operations.Query;
using DataPlatform.Operations.Tests.Support;
using static DataPlatform.Operations.Tests.Compaction.CompactionLake;

namespace DataPlatform.Operations.Tests.Compaction;

/// <summary>
/// Hours above COMPACTION_MAX_FUNCTION_HOUR_BYTES (set tiny here). moto accepts Athena calls but runs nothing, so the
/// client and the engine's order (prefix emptied, query waited for, inputs list, watermark) are proven against it, and the
/// INSERT's SELECT is proven on DuckDB over the same files: it must keep exactly the rows the engine keeps.
/// </summary>
[Collection(MotoLakeCollection.Name)]
public sealed class AthenaHourTests(MotoLake moto)
{
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task The_client_starts_a_query_on_the_emulator_and_polls_it_to_SUCCEEDED()
    {
        var client = Client();

        var id = await client.StartAsync("SELECT 1", new AthenaSettings("primary", "lake", "s3://results/athena/"), Guid.NewGuid().ToString("N"), CancellationToken.None);
        var state = await client.WaitAsync(id, TimeSpan.FromMilliseconds(50), CancellationToken.None);

        Assert.False(string.IsNullOrWhiteSpace(id));
        Assert.Equal(("SUCCEEDED", id), (state.State, state.QueryExecutionId));
    }

    [Fact]
    public async Task An_hour_above_the_threshold_goes_to_Athena_after_its_prefix_is_emptied_then_is_listed_and_passed_by_the_watermark()
    {
        var lake = await CreateAsync(moto, "athena-hour");
        var a = await lake.PutRawAsync(Hour0, "part-a", Row("e1", 1, 0, "m-1"), Row("e2", 2, 0, "m-2"));
        var b = await lake.PutRawAsync(Hour0, "part-b", Row("e3", 3, 0, "m-3", type: "order.paid"));
        var crashed = "compacted/events/event_type=order.created/dt=2026-11-30/hour=10/20261130_crashed_attempt";
        await lake.PutAsync(crashed, Encoding.UTF8.GetBytes("left by a crashed attempt"));
        var settings = lake.Settings(s => s with { MaxFunctionHourBytes = 1, Athena = new AthenaSettings("primary", "lake", null) });
        var lines = new List<HourProgress>();

        var summary = await new CompactionRun(moto.S3, settings) { Athena = Client() }
            .RunAsync(Hour0.AddHours(2), null, new SynchronousProgress<HourProgress>(lines.Add), CancellationToken.None);

        Assert.DoesNotContain(crashed, await lake.KeysAsync("compacted/events/"));
        using var inputs = new MemoryStream(await lake.DownloadAsync("compacted/_inputs/dt=2026-11-30/hour=10/inputs.json"));
        Assert.Equal(
            [($"s3://{lake.Bucket}/{a}", "order.created"), ($"s3://{lake.Bucket}/{b}", "order.paid")],
            InputsList.Read(inputs, "test").Select(i => (i.Uri, i.EventType)).Order());
        Assert.Equal(Hour0.AddHours(1), await lake.WatermarkAsync());
        Assert.Equal(Hour0.AddHours(1), summary.CompactedThrough);
        Assert.True(Assert.Single(lines).ByAthena);
        Assert.Contains("rewritten by Athena", lines[0].ToString(), StringComparison.Ordinal);
        var marker = Encoding.UTF8.GetString(await lake.DownloadAsync("compacted/_athena/dt=2026-11-30/hour=10/query.json"));
        Assert.Contains("\"query_execution_id\":", marker, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_workgroup_an_hour_above_the_threshold_stops_the_run_before_anything_is_written()
    {
        var lake = await CreateAsync(moto, "athena-none");
        await lake.PutRawAsync(Hour0, "part-a", Row("e1", 1, 0, "m-1"));
        var settings = lake.Settings(s => s with { MaxFunctionHourBytes = 1 });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => lake.RunAsync(settings, Hour0.AddHours(3)));

        Assert.Contains("COMPACTION_ATHENA_WORKGROUP", error.Message, StringComparison.Ordinal);
        Assert.Contains("readers keep seeing it raw", error.Message, StringComparison.Ordinal);
        Assert.Empty(await lake.KeysAsync("compacted/"));
    }

    [Fact]
    public async Task The_rewrite_SQL_keeps_the_same_rows_as_the_engine_on_DuckDB_over_the_same_files()
    {
        var lake = await CreateAsync(moto, "athena-sql");
        var hour1 = Hour0.AddHours(1);
        await lake.PutRawAsync(Hour0, "part-a", Row("e1", 1, 0, "m-1"), Row("e9", 2, 0, "m-9", type: "order.paid"));
        // Hour 1: e1 is already compacted (look-back), e2 comes three times (first sent wins, then the smaller message id),
        // e4 once without a sent time and once with one, e5 in another type.
        var a = await lake.PutRawAsync(hour1, "part-a",
            At(hour1, Row("e1", 1, 0, "m-1-again")), At(hour1, Row("e2", 2, 30, "m-2-late")), At(hour1, Row("e4", 4, 0, "m-4-unsent")) with { SentAt = null });
        var b = await lake.PutRawAsync(hour1, "part-b",
            At(hour1, Row("e2", 2, 10, "m-2-b")), At(hour1, Row("e2", 2, 10, "m-2-a")), At(hour1, Row("e4", 4, 5, "m-4")), At(hour1, Row("e3", 3, 0, "m-3")));
        var c = await lake.PutRawAsync(hour1, "part-c", At(hour1, Row("e5", 5, 0, "m-5", type: "order.paid")));
        var settings = lake.Settings(s => s with { Lookback = TimeSpan.FromHours(2) });
        await lake.RunAsync(settings, Hour0.AddHours(4));
        var engine = (await lake.CompactedRowsAsync()).Where(r => r.Key.Contains("/hour=11/", StringComparison.Ordinal))
            .Select(r => (r.EventId, r.MessageId)).Order().ToList();

        var cache = Directory.CreateTempSubdirectory("athena-sql-").FullName;
        var duck = HourRewriteDialect.DuckDb(LakeTable.Events.Name, LakeTable.Compacted.Name, LakeSqlDialect.DuckDb(cache).RawFileUri);
        var sql = HourRewriteSql.Select(duck, hour1, ["order.created", "order.paid"], ["order.created", "order.paid"],
            [.. new[] { a, b, c }.Select(k => $"s3://{lake.Bucket}/{k}")], settings.Lookback);
        var result = await new LakeQuery(new LakeMirror(moto.S3, lake.Bucket, "", cache)).RunAsync(sql, new QueryOptions());
        var column = result.Columns.Select(col => col.Name).ToList();
        var athena = result.Rows.Select(r => ((string)r[column.IndexOf("event_id")]!, (string)r[column.IndexOf("sqs_message_id")]!)).Order().ToList();

        Assert.Equal([("e2", "m-2-a"), ("e3", "m-3"), ("e4", "m-4"), ("e5", "m-5")], engine);
        Assert.Equal(engine, athena);
        Assert.Contains("INSERT INTO compacted_events (event_id, source", HourRewriteSql.AthenaInsert(hour1, ["order.created"], [], ["s3://x/y"], settings.Lookback), StringComparison.Ordinal);
    }

    private AthenaClient Client()
    {
        var lake = moto.Settings("unused");
        return new AthenaClient(AwsEndpoint.Emulator(lake.Endpoint!, EmulatorCredentials.Region, EmulatorCredentials.AccessKeyId, EmulatorCredentials.SecretAccessKey), Http);
    }
}
