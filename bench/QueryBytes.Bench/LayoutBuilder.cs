using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;

namespace DataPlatform.QueryBytes.Bench;

/// <summary>
/// Writes one day of one event type three ways with DuckDB (Zstd level 3, as the processor and the compactor write):
/// raw, one small file per batch as the processor leaves it; compacted, one file per hour sorted by
/// (occurred_at, event_id) as the compaction leaves it; and compacted with the contract's typed columns beside the
/// payload JSON. DuckDB stands in for both writers here: the figures are about the layouts, not the writers.
/// </summary>
public sealed class LayoutBuilder(string root) : IDisposable
{
    private const string Day = "2026-12-01";
    private readonly DuckDBConnection _duck = Open();

    public long Build(int eventsPerSecond, int batchSeconds)
    {
        // The type is one of six, so it gets a sixth of the rate; a batch window writes one file of it per batch.
        var rows = (long)eventsPerSecond * 86_400 / 6;
        Execute(string.Create(CultureInfo.InvariantCulture, $"""
            CREATE TABLE events AS
            SELECT
                'evt-' || lpad(CAST(i AS VARCHAR), 10, '0') AS event_id,
                'order.created' AS event_type,
                'web-shop' AS source,
                TIMESTAMPTZ '{Day} 00:00:00+00' + to_microseconds(CAST(i * 86400000000 // {rows} AS BIGINT)) AS occurred_at,
                json_object(
                    'order_id', 'o-' || CAST(i AS VARCHAR),
                    'customer_id', 'c-' || CAST(hash(i) % 50000 AS VARCHAR),
                    'amount', round((hash(i * 7) % 100000) / 100.0, 2),
                    'currency', ['EUR', 'USD', 'GBP', 'CHF'][CAST(1 + hash(i * 3) % 4 AS INTEGER)],
                    'channel', ['web', 'app', 'store'][CAST(1 + hash(i * 5) % 3 AS INTEGER)],
                    'items', 1 + hash(i * 11) % 9,
                    'coupon', CASE WHEN hash(i * 13) % 5 = 0 THEN 'SPRING' || CAST(hash(i) % 100 AS VARCHAR) END,
                    'placed_at', strftime(TIMESTAMP '{Day} 00:00:00' + to_microseconds(CAST(i * 86400000000 // {rows} AS BIGINT)), '%Y-%m-%dT%H:%M:%S.%fZ')
                )::VARCHAR AS payload,
                NULL::VARCHAR AS attributes,
                CAST(uuid() AS VARCHAR) AS sqs_message_id,
                1 AS sqs_receive_count
            FROM range({rows}) r(i)
            """));
        Execute($"""
            CREATE TABLE landed AS
            SELECT *, occurred_at AS ingested_at, occurred_at AS sqs_sent_at,
                CAST(strftime(occurred_at AT TIME ZONE 'UTC', '%Y-%m-%d') AS VARCHAR) AS dt,
                CAST(strftime(occurred_at AT TIME ZONE 'UTC', '%H') AS VARCHAR) AS hour,
                epoch(occurred_at)::BIGINT // {batchSeconds} AS batch
            FROM events
            """);
        const string Envelope = "event_id, event_type, source, occurred_at, ingested_at, payload, attributes, sqs_message_id, sqs_sent_at, sqs_receive_count";
        Copy($"SELECT {Envelope}, dt, hour, batch FROM landed", "raw", "dt, hour, batch");
        Copy($"SELECT {Envelope}, dt, hour FROM landed ORDER BY occurred_at, event_id", "compacted", "dt, hour");
        Copy($"""
            SELECT {Envelope},
                CAST(payload->>'order_id' AS VARCHAR) AS order_id, CAST(payload->>'customer_id' AS VARCHAR) AS customer_id,
                CAST(payload->>'amount' AS DOUBLE) AS amount, CAST(payload->>'currency' AS VARCHAR) AS currency,
                CAST(payload->>'channel' AS VARCHAR) AS channel, CAST(payload->>'items' AS BIGINT) AS items,
                CAST(payload->>'coupon' AS VARCHAR) AS coupon, CAST(payload->>'placed_at' AS TIMESTAMPTZ) AS placed_at,
                dt, hour
            FROM landed ORDER BY occurred_at, event_id
            """, "typed", "dt, hour");
        return rows;
    }

    public ScanFigures Measure(Layout layout)
    {
        var files = Directory.GetFiles(Path.Combine(root, layout.Folder), "*.parquet", SearchOption.AllDirectories);
        var list = "[" + string.Join(", ", files.Select(f => $"'{f}'")) + "]";
        var wanted = string.Join(", ", layout.Columns.Select(c => $"'{c}'"));
        var columnBytes = Scalar($"SELECT CAST(coalesce(sum(total_compressed_size), 0) AS BIGINT) FROM parquet_metadata({list}) WHERE path_in_schema IN ({wanted})");
        var allChunks = Scalar($"SELECT CAST(coalesce(sum(total_compressed_size), 0) AS BIGINT) FROM parquet_metadata({list})");
        var footers = files.Sum(f => new FileInfo(f).Length) - allChunks;
        var glob = Path.Combine(root, layout.Folder, "**", "*.parquet");
        var query = $"SELECT count(*), count(DISTINCT currency) FROM (SELECT {layout.Select} FROM read_parquet('{glob}', hive_partitioning = true) WHERE dt = '{Day}')";
        Scalar(query);
        var times = new List<double>();
        for (var run = 0; run < 3; run++)
        {
            var clock = Stopwatch.StartNew();
            Scalar(query);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        return new ScanFigures(files.Length, columnBytes, footers, times.Order().ElementAt(1));
    }

    public void Dispose() => _duck.Dispose();

    private void Copy(string select, string folder, string partitions) =>
        Execute($"COPY ({select}) TO '{Path.Combine(root, folder)}' (FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 3, PARTITION_BY ({partitions}), ROW_GROUP_SIZE 1000000)");

    private void Execute(string sql)
    {
        using var command = _duck.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private long Scalar(string sql)
    {
        using var command = _duck.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static DuckDBConnection Open()
    {
        var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SET threads = 1; SET TimeZone = 'UTC'";
        command.ExecuteNonQuery();
        return connection;
    }
}
