using Amazon.S3.Model;
using DataPlatform.Operations.Query;
using DataPlatform.Operations.Tests.Reconcile;
using DataPlatform.Operations.Tests.Support;
using DuckDB.NET.Data;

namespace DataPlatform.Operations.Tests.Query;

[Collection(MotoLakeCollection.Name)]
public sealed class LakeQueryTests(MotoLake moto)
{
    [Fact]
    public async Task The_documented_views_answer_over_what_the_processor_landed()
    {
        var (lake, mirror) = await LandedAsync("query-views", valid: 9, broken: 2);

        var byType = await new LakeQuery(mirror).RunAsync(
            "SELECT event_type, count(*) AS n FROM events GROUP BY event_type ORDER BY event_type", new QueryOptions());
        var quarantined = await new LakeQuery(mirror).RunAsync("SELECT count(*) FROM quarantine", new QueryOptions());
        var canaries = await new LakeQuery(mirror).RunAsync("SELECT count(*) AS n FROM canaries", new QueryOptions());

        Assert.Equal(["event_type", "n"], byType.Columns.Select(c => c.Name));
        Assert.True(byType.Columns[1].IsNumeric);
        Assert.Equal([["order.created", 5L], ["order.paid", 4L]], byType.Rows.Select(r => r.ToArray()));
        Assert.Equal(2L, quarantined.Rows[0][0]);
        Assert.Equal(0L, canaries.Rows[0][0]);
        Assert.True(Directory.Exists(Path.Combine(lake.CacheDirectory, lake.Bucket, "events")));
    }

    [Fact]
    public async Task Only_the_tables_a_query_names_are_fetched_and_a_second_run_fetches_nothing_new()
    {
        var (lake, mirror) = await LandedAsync("query-cache", valid: 4, broken: 1);
        var fetched = new List<MirrorSync>();

        await new LakeQuery(mirror).RunAsync("SELECT count(*) FROM quarantine", new QueryOptions(), new SyncProgress(fetched.Add));
        await new LakeQuery(mirror).RunAsync("SELECT count(*) FROM quarantine", new QueryOptions(), new SyncProgress(fetched.Add));

        Assert.All(fetched, s => Assert.Equal("quarantine", s.Table));
        Assert.Equal(1, fetched.First().ToFetch);
        Assert.Equal(0, fetched.Last().ToFetch);
        Assert.False(Directory.Exists(Path.Combine(lake.CacheDirectory, lake.Bucket, "events")));
    }

    [Fact]
    public async Task An_object_deleted_from_the_lake_leaves_the_cache_too()
    {
        var (lake, mirror) = await LandedAsync("query-deleted", valid: 2, broken: 1);
        await new LakeQuery(mirror).RunAsync("SELECT count(*) FROM quarantine", new QueryOptions());
        var key = (await moto.S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = lake.Bucket, Prefix = "quarantine/" })).S3Objects.Single().Key;
        await moto.S3.DeleteObjectAsync(lake.Bucket, key);

        var after = await new LakeQuery(mirror).RunAsync("SELECT count(*) FROM quarantine", new QueryOptions());

        Assert.Equal(0L, after.Rows[0][0]);
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("parquet")]
    public async Task Out_writes_the_rows_to_a_csv_or_parquet_file(string format)
    {
        var (lake, mirror) = await LandedAsync($"query-out-{format}", valid: 6, broken: 0);
        var file = Path.Combine(lake.StateDirectory, $"out.{format}");

        await new LakeQuery(mirror).RunAsync("SELECT event_id FROM events ORDER BY event_id", new QueryOptions(file));

        using var duck = new DuckDBConnection("DataSource=:memory:");
        duck.Open();
        using var command = duck.CreateCommand();
        command.CommandText = format == "csv"
            ? $"SELECT count(*), min(event_id) FROM read_csv('{file}', header = true)"
            : $"SELECT count(*), min(event_id) FROM read_parquet('{file}')";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(6L, reader.GetInt64(0));
        Assert.Equal("q-0000", reader.GetString(1));
    }

    [Fact]
    public async Task An_unknown_view_is_named_with_the_views_there_are()
    {
        var (_, mirror) = await LandedAsync("query-unknown", valid: 1, broken: 0);

        var error = await Assert.ThrowsAsync<QueryFailedException>(() => new LakeQuery(mirror).RunAsync("SELECT * FROM orders", new QueryOptions()));

        Assert.Contains("no table or view named 'orders'", error.Message, StringComparison.Ordinal);
        Assert.Contains("events, events_exactly_once, events_raw, quarantine, canaries", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sql_error_shows_duckdb_s_message_and_what_to_do()
    {
        var (_, mirror) = await LandedAsync("query-syntax", valid: 1, broken: 0);

        var error = await Assert.ThrowsAsync<QueryFailedException>(() => new LakeQuery(mirror).RunAsync("SELEC count(*) FROM events", new QueryOptions()));

        Assert.StartsWith("DuckDB could not run the query: Parser Error: syntax error at or near \"SELEC\"", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("Fix the SQL (DuckDB's dialect) and run Query again.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_output_file_of_another_kind_is_refused_before_anything_is_read()
    {
        var (lake, mirror) = await LandedAsync("query-json", valid: 1, broken: 0);

        var error = await Assert.ThrowsAsync<QueryFailedException>(() =>
            new LakeQuery(mirror).RunAsync("SELECT * FROM events", new QueryOptions(Path.Combine(lake.StateDirectory, "x.json"))));

        Assert.Contains("writes only .csv or .parquet", error.Message, StringComparison.Ordinal);
    }

    private async Task<(LakeUnderTest Lake, LakeMirror Mirror)> LandedAsync(string name, int valid, int broken)
    {
        var lake = await moto.CreateAsync(name);
        foreach (var body in Enumerable.Range(0, valid).Select(i => TestEvents.Valid("q", i)).Concat(Enumerable.Range(0, broken).Select(TestEvents.Broken)))
        {
            await moto.Sqs.SendMessageAsync(lake.QueueUrl, body);
        }

        await moto.DrainAsync(lake);
        return (lake, new LakeMirror(moto.S3, lake.Bucket, "", lake.CacheDirectory));
    }

    private sealed class SyncProgress(Action<MirrorSync> report) : IProgress<MirrorSync>
    {
        public void Report(MirrorSync value) => report(value);
    }
}
