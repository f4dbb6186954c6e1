using System.Globalization;
using Amazon.S3.Model;
using DataPlatform.Compaction;
using DataPlatform.Operations.Tests.Support;
using DuckDB.NET.Data;
using ParquetSharp;

namespace DataPlatform.Operations.Tests.Compaction;

/// <summary>
/// A bucket of the shared moto server with raw files written the way the processor lays them out
/// (docs/events.md columns, keys under events/), and readers for what compaction leaves.
/// </summary>
public sealed class CompactionLake(MotoLake moto, string bucket)
{
    public static readonly DateTime Hour0 = new(2026, 11, 30, 10, 0, 0, DateTimeKind.Utc);

    public string Bucket { get; } = bucket;

    public static async Task<CompactionLake> CreateAsync(MotoLake moto, string name)
    {
        var bucket = name + "-" + Guid.NewGuid().ToString("N")[..10];
        await moto.S3.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
        return new CompactionLake(moto, bucket);
    }

    public CompactionSettings Settings(Func<CompactionSettings, CompactionSettings>? change = null)
    {
        var settings = new CompactionSettings { Bucket = Bucket, Prefix = "" };
        return change is null ? settings : change(settings);
    }

    public Task<CompactionSummary> RunAsync(CompactionSettings settings, DateTime now, Func<CompactionCheckpoint, ValueTask>? checkpoint = null, List<HourProgress>? lines = null) =>
        new CompactionRun(moto.S3, settings) { Checkpoint = checkpoint }
            .RunAsync(now, null, lines is null ? null : new SynchronousProgress<HourProgress>(lines.Add), CancellationToken.None);

    /// <summary>A raw file under events/event_type=&lt;t&gt;/dt=…/hour=…/ holding these rows.</summary>
    public async Task<string> PutRawAsync(DateTime hour, string name, params RawRow[] rows)
    {
        var key = new CompactionKeys("").RawHour(rows[0].EventType, hour) + name + ".parquet";
        await PutAsync(key, RawParquet(rows));
        return key;
    }

    public async Task PutAsync(string key, byte[] content)
    {
        using var stream = new MemoryStream(content);
        await moto.S3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = key, InputStream = stream });
    }

    public Task<List<string>> KeysAsync(string prefix) => moto.KeysAsync(Bucket, prefix);

    public Task<byte[]> DownloadAsync(string key) => moto.DownloadAsync(Bucket, key);

    public async Task<DateTime?> WatermarkAsync()
    {
        var keys = await KeysAsync("compacted/_watermark/watermark.json");
        if (keys.Count == 0)
        {
            return null;
        }

        using var content = new MemoryStream(await DownloadAsync(keys[0]));
        return Watermark.Parse(content, "test")!.CompactedThrough;
    }

    /// <summary>Every compacted row, part by part in key order, rows in file order, read by DuckDB.</summary>
    public async Task<List<CompactedRow>> CompactedRowsAsync()
    {
        var rows = new List<CompactedRow>();
        foreach (var key in (await KeysAsync("compacted/events/")).Order(StringComparer.Ordinal))
        {
            var file = Path.Combine(Path.GetTempPath(), "compacted-" + Guid.NewGuid().ToString("N") + ".parquet");
            await File.WriteAllBytesAsync(file, await DownloadAsync(key));
            try
            {
                using var connection = new DuckDBConnection("DataSource=:memory:");
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = $"SELECT event_id, event_type, occurred_at, sqs_message_id, payload FROM read_parquet('{file}')";
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    rows.Add(new CompactedRow(key, reader.GetString(0), reader.GetString(1), DateTime.SpecifyKind(reader.GetDateTime(2), DateTimeKind.Utc),
                        reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
                }
            }
            finally
            {
                File.Delete(file);
            }
        }

        return rows;
    }

    public static RawRow Row(string id, int minute, int sentSecond, string message, string type = "order.created") =>
        new(id, type, Hour0.AddMinutes(minute), Hour0.AddMinutes(minute).AddSeconds(sentSecond), message,
            string.Create(CultureInfo.InvariantCulture, $$"""{"id":"{{id}}","message":"{{message}}"}"""));

    public static RawRow At(DateTime hour, RawRow row) =>
        row with { OccurredAt = hour + (row.OccurredAt - Hour0), SentAt = hour + (row.SentAt!.Value - Hour0) };

    /// <summary>The events table's columns in file order, as the processor writes them (docs/events.md).</summary>
    public static byte[] RawParquet(IReadOnlyList<RawRow> rows)
    {
        Column[] columns =
        [
            new Column<string>("event_id"), new Column<string>("event_type"), new Column<string>("source"),
            new Column<DateTime>("occurred_at", LogicalType.Timestamp(true, TimeUnit.Micros)),
            new Column<DateTime>("ingested_at", LogicalType.Timestamp(true, TimeUnit.Micros)),
            new Column<string>("payload"), new Column<string>("attributes"), new Column<string>("sqs_message_id"),
            new Column<DateTime?>("sqs_sent_at", LogicalType.Timestamp(true, TimeUnit.Micros)), new Column<int>("sqs_receive_count"),
        ];
        using var output = new MemoryStream();
        using var builder = new WriterPropertiesBuilder();
        using var properties = builder.Compression(Compression.Zstd).Build();
        using (var file = new ParquetFileWriter(output, columns, LogicalTypeFactory.Default, properties, keyValueMetadata: null, leaveOpen: true))
        {
            using var group = file.AppendRowGroup();
            Write(group, rows.Select(r => r.EventId));
            Write(group, rows.Select(r => r.EventType));
            Write(group, rows.Select(_ => (string?)"tests"));
            Write(group, rows.Select(r => r.OccurredAt));
            Write(group, rows.Select(r => r.SentAt ?? r.OccurredAt));
            Write(group, rows.Select(r => (string?)r.Payload));
            Write(group, rows.Select(_ => (string?)null));
            Write(group, rows.Select(r => r.MessageId));
            Write(group, rows.Select(r => r.SentAt));
            Write(group, rows.Select(_ => 1));
            file.Close();
        }

        return output.ToArray();
    }

    private static void Write<T>(RowGroupWriter group, IEnumerable<T> values)
    {
        using var column = group.NextColumn();
        using var writer = column.LogicalWriter<T>();
        writer.WriteBatch(values.ToArray());
    }
}
