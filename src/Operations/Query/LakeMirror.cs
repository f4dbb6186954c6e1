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
    /// <summary>The cache folder, absolute: DuckDB's <c>filename</c> starts with it, so a path maps back to its key.</summary>
    public string CacheDirectory { get; } = Path.GetFullPath(cacheDirectory);

    public string Root { get; } = Path.Combine(Path.GetFullPath(cacheDirectory), bucket);

    public string FolderOf(LakeTable table) => Path.Combine(Root, prefix, table.Folder);

    /// <summary>
    /// Brings the table's objects up to date; with <paramref name="fromDate"/>, only partitions with
    /// <c>dt</c> on or after it (the others are left out of the copy, so a query sees only those days).
    /// </summary>
    public Task<MirrorSync> SyncAsync(LakeTable table, DateOnly? fromDate = null, IProgress<MirrorSync>? progress = null,
        CancellationToken cancellationToken = default) =>
        SyncAsync(table, fromDate, include: null, progress, cancellationToken);

    /// <summary>
    /// As above, keeping only keys <paramref name="include"/> accepts (the exactly-once view fetches compacted hours
    /// before the watermark only). An object deleted between the listing and its fetch is left out: only the
    /// compaction deletes lake objects, and only raw files whose rows a compacted hour already holds.
    /// </summary>
    public async Task<MirrorSync> SyncAsync(LakeTable table, DateOnly? fromDate, Func<string, bool>? include,
        IProgress<MirrorSync>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        var extension = table.IsJson ? ".json" : ".parquet";
        var pattern = "*" + extension;
        var wanted = new Dictionary<string, S3Object>(StringComparer.Ordinal);
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = prefix + table.Folder };
        ListObjectsV2Response page;
        do
        {
            page = await s3.ListObjectsV2Async(request, cancellationToken);
            foreach (var entry in page.S3Objects ?? [])
            {
                if (entry.Key.EndsWith(extension, StringComparison.Ordinal) && InRange(entry.Key, fromDate) && (include?.Invoke(entry.Key) ?? true))
                {
                    wanted[entry.Key] = entry;
                }
            }

            request.ContinuationToken = page.NextContinuationToken;
        }
        while (page.IsTruncated == true);

        var folder = FolderOf(table);
        var stale = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, pattern, SearchOption.AllDirectories)
                .Where(f => !wanted.ContainsKey(KeyOf(f))).ToList()
            : [];
        foreach (var file in stale)
        {
            File.Delete(file);
        }

        var missing = wanted.Values.Where(o => table.AlwaysFetch || !IsCached(o)).ToList();
        var sync = new MirrorSync(table.Name, wanted.Count, missing.Count, 0, missing.Sum(m => m.Size ?? 0));
        progress?.Report(sync);
        foreach (var entry in missing)
        {
            await FetchAsync(entry, cancellationToken);
            sync = sync with { Fetched = sync.Fetched + 1 };
            progress?.Report(sync);
        }

        return sync;
    }

    private async Task FetchAsync(S3Object entry, CancellationToken cancellationToken)
    {
        var path = PathOf(entry.Key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        GetObjectResponse response;
        try
        {
            response = await s3.GetObjectAsync(bucket, entry.Key, cancellationToken);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            File.Delete(path);
            return;
        }

        using (response)
        {
            // Written beside and then moved: an interrupted fetch never leaves a truncated file DuckDB would read.
            var partial = path + ".partial";
            await using (var file = File.Create(partial))
            {
                await response.ResponseStream.CopyToAsync(file, cancellationToken);
            }

            File.SetLastWriteTimeUtc(partial, entry.LastModified?.ToUniversalTime() ?? DateTime.UtcNow);
            File.Move(partial, path, overwrite: true);
        }
    }

    // Size and modification time: an object rewritten under the same key (a compacted part of an hour a crashed run
    // left) is fetched again even when its size did not change.
    private bool IsCached(S3Object entry)
    {
        var info = new FileInfo(PathOf(entry.Key));
        return info.Exists && info.Length == (entry.Size ?? 0)
            && (entry.LastModified is not { } modified || info.LastWriteTimeUtc == modified.ToUniversalTime());
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
