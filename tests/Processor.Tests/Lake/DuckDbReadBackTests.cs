using DataPlatform.Processor.Tests.Support;

namespace DataPlatform.Processor.Tests.Lake;

public sealed class DuckDbReadBackTests
{
    [Fact]
    public async Task DuckDB_reads_types_nulls_and_hive_partitions_as_intended()
    {
        var lake = new TestLake();
        await lake.ProcessAsync(new SqsEventBuilder()
            .Add("""{"event_type":"a","occurred_at":"2024-05-01T10:00:00.123456Z","event_id":"with-extra","extra":{"k":1}}""")
            .AddEvent("b", eventId: "plain"));

        using var duck = DuckDbLake.FromObjects(lake.Memory.Objects);
        var rows = duck.Query($"""
            SELECT event_id, event_type, source, payload, attributes, epoch_us(occurred_at), sqs_receive_count, dt, hour,
                   typeof(occurred_at), typeof(ingested_at)
            FROM {duck.Events()} ORDER BY event_id
            """);

        Assert.Equal(2, rows.Count);
        var plain = rows[0];
        Assert.Equal("plain", plain[0]);
        Assert.Equal("b", plain[1]);
        Assert.Equal("tests", plain[2]);
        Assert.Equal("""{"amount":12.5,"items":[1,2]}""", plain[3]);
        Assert.Null(plain[4]);
        var extra = rows[1];
        Assert.Null(extra[2]);
        Assert.Null(extra[3]);
        Assert.Equal("""{"extra":{"k":1}}""", extra[4]);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000 + 123456, Convert.ToInt64(extra[5]));
        Assert.Equal(1, Convert.ToInt32(extra[6]));
        Assert.Equal(new DateOnly(2024, 5, 1), Assert.IsType<DateOnly>(extra[7]));
        Assert.Equal(10L, Convert.ToInt64(extra[8]));
        Assert.Equal("TIMESTAMP WITH TIME ZONE", extra[9]);
        Assert.Equal("TIMESTAMP WITH TIME ZONE", extra[10]);
    }

    [Fact]
    public async Task Files_carry_statistics_for_skipping_except_on_free_form_json_and_are_one_row_group_of_zstd()
    {
        var lake = new TestLake();
        await lake.ProcessAsync(new SqsEventBuilder().AddEvent("a", eventId: "e1").AddEvent("a", eventId: "e2"));

        using var duck = DuckDbLake.FromObjects(lake.Memory.Objects);
        var rows = duck.Query($"""
            SELECT path_in_schema, stats_min_value IS NOT NULL, stats_max_value IS NOT NULL, compression, row_group_id
            FROM parquet_metadata('{duck.Root}/events/**/*.parquet')
            """);

        var columns = rows.ToDictionary(r => (string)r[0]!, r => r);
        Assert.Equal(10, columns.Count);
        foreach (var (name, row) in columns)
        {
            var expectStatistics = name is not ("payload" or "attributes");
            Assert.True(expectStatistics == (bool)row[1]! && expectStatistics == (bool)row[2]!, $"Statistics of {name}: min {row[1]}, max {row[2]}.");
            Assert.Equal("ZSTD", row[3]);
            Assert.Equal(0L, Convert.ToInt64(row[4]));
        }
    }
}
