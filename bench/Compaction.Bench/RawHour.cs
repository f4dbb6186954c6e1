using System.Globalization;
using ParquetSharp;

namespace DataPlatform.Compaction.Bench;

/// <summary>
/// A generated raw hour on disk: <c>files</c> raw files of one event type as the processor writes them (docs/events.md
/// columns, Zstd 3), one batch of events each, a share of event ids redelivered in a later file with a later sent time.
/// </summary>
internal static class RawHour
{
    public static List<string> Write(string folder, int rows, int files, double duplicateShare)
    {
        Directory.CreateDirectory(folder);
        var hour = new DateTime(2026, 11, 30, 10, 0, 0, DateTimeKind.Utc);
        var random = new Random(42);
        var paths = new List<string>();
        var perFile = rows / files;
        for (var f = 0; f < files; f++)
        {
            var ids = new string[perFile];
            var occurred = new DateTime[perFile];
            var sent = new DateTime?[perFile];
            var messages = new string[perFile];
            var payloads = new string[perFile];
            for (var i = 0; i < perFile; i++)
            {
                var n = f * perFile + i;
                // A redelivery: an id of an earlier file, sent again later.
                var id = f > 0 && random.NextDouble() < duplicateShare ? random.Next(0, f * perFile) : n;
                ids[i] = string.Create(CultureInfo.InvariantCulture, $"evt-{id:D10}-{id * 7919 % 100_000:D5}");
                occurred[i] = hour.AddTicks(TimeSpan.TicksPerHour / rows * id);
                sent[i] = hour.AddTicks(TimeSpan.TicksPerHour / rows * n).AddSeconds(1);
                messages[i] = Guid.NewGuid().ToString();
                payloads[i] = string.Create(CultureInfo.InvariantCulture,
                    $$"""{"order_id":"ord-{{id:D9}}","customer_id":"cus-{{id % 50_000:D6}}","amount":{{id % 100_000 / 100.0:0.00}},"currency":"EUR","items":{{id % 9 + 1}},"channel":"{{(id % 3 == 0 ? "web" : "app")}}","note":"{{new string('x', 120 + id % 80)}}"}""");
            }

            var path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"part-{f:D5}.parquet"));
            WriteFile(path, ids, occurred, sent, messages, payloads, hour.AddMinutes(60.0 * f / files));
            paths.Add(path);
        }

        return paths;
    }

    private static void WriteFile(string path, string[] ids, DateTime[] occurred, DateTime?[] sent, string[] messages, string[] payloads, DateTime ingested)
    {
        Column[] columns =
        [
            new Column<string>("event_id"), new Column<string>("event_type"), new Column<string>("source"),
            new Column<DateTime>("occurred_at", LogicalType.Timestamp(true, TimeUnit.Micros)),
            new Column<DateTime>("ingested_at", LogicalType.Timestamp(true, TimeUnit.Micros)),
            new Column<string>("payload"), new Column<string>("attributes"), new Column<string>("sqs_message_id"),
            new Column<DateTime?>("sqs_sent_at", LogicalType.Timestamp(true, TimeUnit.Micros)), new Column<int>("sqs_receive_count"),
        ];
        using var builder = new WriterPropertiesBuilder();
        using var properties = builder.Compression(Compression.Zstd).CompressionLevel(3).Build();
        using var file = new ParquetFileWriter(path, columns, properties);
        using var group = file.AppendRowGroup();
        Write(group, ids);
        Write(group, Enumerable.Repeat("order.created", ids.Length).ToArray());
        Write(group, Enumerable.Repeat<string?>("shop", ids.Length).ToArray());
        Write(group, occurred);
        Write(group, Enumerable.Repeat(ingested, ids.Length).ToArray());
        Write(group, payloads);
        Write(group, Enumerable.Repeat<string?>("{\"tenant\":\"t1\"}", ids.Length).ToArray());
        Write(group, messages);
        Write(group, sent);
        Write(group, Enumerable.Repeat(1, ids.Length).ToArray());
        file.Close();
    }

    private static void Write<T>(RowGroupWriter group, T[] values)
    {
        using var column = group.NextColumn();
        using var writer = column.LogicalWriter<T>();
        writer.WriteBatch(values);
    }
}
