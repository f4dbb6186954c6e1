using System.Text.RegularExpressions;
using Amazon.S3;
using Amazon.S3.Model;

namespace DataPlatform.Operations.Query;

/// <summary>
/// A local copy of the lake's Parquet under <c>.state/&lt;env&gt;/lake-cache/&lt;bucket&gt;/</c>, fetched with the S3
/// SDK: DuckDB's httpfs extension cannot be downloaded everywhere (offline machines, the emulator), and the SDK
/// already has the caller's credentials and endpoint. Only objects not cached yet (or changed in size) are
/// fetched; cached files whose object is gone are removed, so the copy never shows deleted data.
/// </summary>
public sealed partial class LakeMirror(IAmazonS3 s3, string bucket, string prefix, string cacheDirectory)
{
    public string Root { get; } = Path.Combine(cacheDirectory, bucket);

    public string FolderOf(LakeTable table) => Path.Combine(Root, prefix, table.Folder);

    /// <summary>
    /// Brings the table's objects up to date; with <paramref name="fromDate"/>, only partitions with
    /// <c>dt</c> on or after it (the others are left out of the copy, so a query sees only those days).
    /// </summary>
    public async Task<MirrorSync> SyncAsync(LakeTable table, DateOnly? fromDate = null, IProgress<MirrorSync>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        var wanted = new Dictionary<string, long>(StringComparer.Ordinal);
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = prefix + table.Folder };
        ListObjectsV2Response page;
        do
        {
            page = await s3.ListObjectsV2Async(request, cancellationToken);
            foreach (var entry in page.S3Objects ?? [])
            {
                if (entry.Key.EndsWith(".parquet", StringComparison.Ordinal) && InRange(entry.Key, fromDate))
                {
                    wanted[entry.Key] = entry.Size ?? 0;
                }
            }

            request.ContinuationToken = page.NextContinuationToken;
        }
        while (page.IsTruncated == true);

        var folder = FolderOf(table);
        var stale = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.parquet", SearchOption.AllDirectories)
                .Where(f => !wanted.ContainsKey(KeyOf(f))).ToList()
            : [];
        foreach (var file in stale)
        {
            File.Delete(file);
        }

        var missing = wanted.Where(w => !IsCached(w.Key, w.Value)).ToList();
        var sync = new MirrorSync(table.Name, wanted.Count, missing.Count, 0, missing.Sum(m => m.Value));
        progress?.Report(sync);
        foreach (var (key, _) in missing)
        {
            var path = PathOf(key);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var response = await s3.GetObjectAsync(bucket, key, cancellationToken);
            // Written beside and then moved: an interrupted fetch never leaves a truncated file DuckDB would read.
            var partial = path + ".partial";
            await using (var file = File.Create(partial))
            {
                await response.ResponseStream.CopyToAsync(file, cancellationToken);
            }

            File.Move(partial, path, overwrite: true);
            sync = sync with { Fetched = sync.Fetched + 1 };
            progress?.Report(sync);
        }

        return sync;
    }

    private bool IsCached(string key, long size)
    {
        var info = new FileInfo(PathOf(key));
        return info.Exists && info.Length == size;
    }

    private string PathOf(string key) => Path.Combine(Root, key);

    private string KeyOf(string file) => Path.GetRelativePath(Root, file).Replace(Path.DirectorySeparatorChar, '/');

    private static bool InRange(string key, DateOnly? fromDate)
    {
        if (fromDate is null)
        {
            return true;
        }

        var match = DtSegment().Match(key);
        return !match.Success || DateOnly.ParseExact(match.Groups[1].Value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) >= fromDate;
    }

    [GeneratedRegex(@"/dt=(\d{4}-\d{2}-\d{2})/")]
    private static partial Regex DtSegment();
}
