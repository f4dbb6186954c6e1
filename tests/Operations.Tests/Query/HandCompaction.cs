using System.Globalization;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using DuckDB.NET.Data;

namespace DataPlatform.Operations.Tests.Query;

/// <summary>
/// The compaction's steps for one hour, done by hand with DuckDB on the keys of the lake design (parts, inputs list,
/// watermark, raw deletion), one call per step so a test can stop between any two of them as a crash would. It is
/// not the engine (src/Compaction): it lets the view be tested against every state the engine can leave behind.
/// </summary>
public sealed class HandCompaction(IAmazonS3 s3, string bucket, string workDirectory)
{
    public async Task WritePartAsync(string eventType, DateTime hour, string partName = "part-00000.parquet", IReadOnlyList<string>? onlyKeys = null)
    {
        var keys = onlyKeys ?? await RawKeysAsync(eventType, hour);
        var files = new List<string>();
        foreach (var key in keys)
        {
            files.Add(await DownloadAsync(key));
        }

        var earlier = new List<string>();
        foreach (var key in await KeysAsync("compacted/events/"))
        {
            earlier.Add(await DownloadAsync(key));
        }

        var output = Path.Combine(workDirectory, Guid.NewGuid().ToString("N") + ".parquet");
        var dropKnown = earlier.Count == 0 ? "" : $" AND event_id NOT IN (SELECT event_id FROM read_parquet({List(earlier)}))";
        Execute($"""
            COPY (
                SELECT * EXCLUDE (copy) FROM (
                    SELECT *, row_number() OVER (PARTITION BY event_id ORDER BY sqs_sent_at, sqs_message_id) AS copy
                    FROM read_parquet({List(files)}, hive_partitioning = false))
                WHERE copy = 1{dropKnown}
                ORDER BY occurred_at, event_id
            ) TO '{output}' (FORMAT parquet)
            """);
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = $"compacted/events/event_type={eventType}/{HourPath(hour)}/{partName}", FilePath = output });
    }

    public async Task WriteInputsAsync(string eventType, DateTime hour, string name = "inputs.json", IReadOnlyList<string>? onlyKeys = null)
    {
        var keys = onlyKeys ?? await RawKeysAsync(eventType, hour);
        var lines = new StringBuilder();
        foreach (var key in keys)
        {
            lines.Append(CultureInfo.InvariantCulture, $$"""{"uri":"s3://{{bucket}}/{{key}}","event_type":"{{eventType}}","compacted_at":"{{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ}}"}""").Append('\n');
        }

        await PutTextAsync($"compacted/_inputs/{HourPath(hour)}/{name}", lines.ToString());
    }

    public Task MoveWatermarkAsync(DateTime compactedThrough) =>
        PutTextAsync("compacted/_watermark/watermark.json",
            $$"""{"compacted_through":"{{compactedThrough:yyyy-MM-ddTHH:mm:ssZ}}","updated_at":"{{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ}}","run_id":"hand"}""" + "\n");

    public async Task DeleteRawAsync(string eventType, DateTime hour)
    {
        foreach (var key in await RawKeysAsync(eventType, hour))
        {
            await s3.DeleteObjectAsync(bucket, key);
        }
    }

    public Task<List<string>> RawKeysAsync(string eventType, DateTime hour) => KeysAsync($"events/event_type={eventType}/{HourPath(hour)}/");

    private static string HourPath(DateTime hour) => string.Create(CultureInfo.InvariantCulture, $"dt={hour:yyyy-MM-dd}/hour={hour:HH}");

    private async Task<List<string>> KeysAsync(string prefix)
    {
        var listing = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = prefix });
        return [.. (listing.S3Objects ?? []).Select(o => o.Key).Where(k => k.EndsWith(".parquet", StringComparison.Ordinal))];
    }

    private async Task<string> DownloadAsync(string key)
    {
        var path = Path.Combine(workDirectory, Guid.NewGuid().ToString("N") + ".parquet");
        using var response = await s3.GetObjectAsync(bucket, key);
        await response.WriteResponseStreamToFileAsync(path, append: false, CancellationToken.None);
        return path;
    }

    private Task PutTextAsync(string key, string text) =>
        s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = text });

    private static string List(IEnumerable<string> files) => "[" + string.Join(", ", files.Select(f => $"'{f}'")) + "]";

    private static void Execute(string sql)
    {
        using var duck = new DuckDBConnection("DataSource=:memory:");
        duck.Open();
        using var command = duck.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
