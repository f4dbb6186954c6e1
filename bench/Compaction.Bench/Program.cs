using System.Diagnostics;
using System.Globalization;
using DataPlatform.Compaction;
using DataPlatform.Compaction.Bench;
using DuckDB.NET.Data;

// One hour's rewrite by the engine (decode each raw file, first-sent dedupe, sort, write parts with Zstd 3: the
// code HourCompactor runs between its S3 GETs and PUTs) and by DuckDB with one thread, same files, same rules.
var rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 500_000;
var files = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 250;
var engineOnly = args.Contains("--engine-only");
var folder = Path.Combine(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture, $"compaction-bench-{rows}-{files}"));
if (!Directory.Exists(folder))
{
    RawHour.Write(folder, rows, files, duplicateShare: 0.02);
}

var paths = Directory.GetFiles(folder, "part-*.parquet").Order(StringComparer.Ordinal).ToList();
var inputBytes = paths.Sum(p => new FileInfo(p).Length);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Hour: {rows:N0} rows in {paths.Count} raw files, {inputBytes / 1048576.0:0.0} MB (Zstd 3), one event type, ~2% redelivered ids, payload ~330 B JSON"));

var (engineSeconds, engineOut, kept) = Engine(paths);
var peak = Process.GetCurrentProcess().PeakWorkingSet64;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"engine : {engineSeconds,7:0.00} s  {rows / engineSeconds,10:N0} rows/s  {inputBytes / 1048576.0 / engineSeconds,6:0.0} MB/s in  -> {kept:N0} rows, {engineOut / 1048576.0:0.0} MB  (peak working set {peak / 1048576.0:0} MB)"));
if (engineOnly)
{
    return;
}

var (duckSeconds, duckOut, duckKept) = DuckDb(paths, folder);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"duckdb : {duckSeconds,7:0.00} s  {rows / duckSeconds,10:N0} rows/s  {inputBytes / 1048576.0 / duckSeconds,6:0.0} MB/s in  -> {duckKept:N0} rows, {duckOut / 1048576.0:0.0} MB  (threads=1)"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio  : engine throughput / DuckDB = {duckSeconds / engineSeconds:0.00}"));
if (kept != duckKept)
{
    Console.Error.WriteLine($"The two sides kept different row counts ({kept} vs {duckKept}): the comparison is void.");
    Environment.Exit(1);
}

static (double Seconds, long Bytes, long Kept) Engine(List<string> paths)
{
    var clock = Stopwatch.StartNew();
    var settings = new CompactionSettings { Bucket = "bench" };
    var decoded = new List<RawFile>();
    ParquetSharp.Schema.GroupNode? schema = null;
    foreach (var path in paths)
    {
        // As from S3: the whole object's bytes, then decoded, then dropped.
        using var content = new MemoryStream(File.ReadAllBytes(path));
        decoded.Add(RawFile.Read(content, path, "order.created", out var fileSchema));
        if (schema is null)
        {
            schema = fileSchema;
        }
        else
        {
            fileSchema.Dispose();
        }
    }

    var plan = HourDeduplication.Plan(decoded, _ => false, settings.PartTargetBytes);
    using var writer = new PartWriter(settings);
    long bytes = 0;
    foreach (var type in plan.Types)
    {
        foreach (var part in type.Parts)
        {
            using var output = writer.Write(schema!, plan.Files, type.Rows.AsSpan(part));
            bytes += output.Length;
        }
    }

    schema?.Dispose();
    return (clock.Elapsed.TotalSeconds, bytes, plan.RowsOut);
}

static (double Seconds, long Bytes, long Kept) DuckDb(List<string> paths, string folder)
{
    var output = Path.Combine(folder, "duckdb-out.parquet");
    var list = string.Join(", ", paths.Select(p => $"'{p}'"));
    using var connection = new DuckDBConnection("DataSource=:memory:");
    connection.Open();
    using var command = connection.CreateCommand();
    command.CommandText = "SET threads=1";
    command.ExecuteNonQuery();
    var clock = Stopwatch.StartNew();
    command.CommandText = $"""
        COPY (
          SELECT * EXCLUDE (filename, rn) FROM (
            SELECT *, row_number() OVER (PARTITION BY event_id ORDER BY sqs_sent_at NULLS LAST, sqs_message_id, filename) AS rn
            FROM read_parquet([{list}], filename = true))
          WHERE rn = 1
          ORDER BY occurred_at, event_id)
        TO '{output}' (FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 3)
        """;
    command.ExecuteNonQuery();
    var seconds = clock.Elapsed.TotalSeconds;
    command.CommandText = $"SELECT count(*) FROM read_parquet('{output}')";
    var kept = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    return (seconds, new FileInfo(output).Length, kept);
}
