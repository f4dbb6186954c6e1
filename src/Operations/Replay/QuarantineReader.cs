using System.Globalization;
using Amazon.S3;
using Amazon.S3.Model;
using DataPlatform.Processor.Lake;
using ParquetSharp;
using ParquetSharp.IO;

namespace DataPlatform.Operations.Replay;

/// <summary>Reads the quarantine table's <c>dt</c> partitions of a range back into records.</summary>
internal sealed class QuarantineReader(IAmazonS3 s3, string bucket, LakeKeys keys)
{
    public string PrefixOf(DateOnly day) =>
        string.Create(CultureInfo.InvariantCulture, $"{keys.QuarantineRoot}dt={day:yyyy-MM-dd}/");

    public async Task<List<QuarantinedRecord>> ReadAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var records = new List<QuarantinedRecord>();
        foreach (var key in await ListAsync(PrefixOf(day), cancellationToken))
        {
            using var response = await s3.GetObjectAsync(bucket, key, cancellationToken);
            using var content = new MemoryStream();
            await response.ResponseStream.CopyToAsync(content, cancellationToken);
            content.Position = 0;
            records.AddRange(Decode(content, day, key));
        }

        return records;
    }

    private async Task<List<string>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = prefix };
        ListObjectsV2Response page;
        do
        {
            page = await s3.ListObjectsV2Async(request, cancellationToken);
            keys.AddRange((page.S3Objects ?? []).Select(o => o.Key).Where(k => k.EndsWith(".parquet", StringComparison.Ordinal)));
            request.ContinuationToken = page.NextContinuationToken;
        }
        while (page.IsTruncated == true);

        return keys;
    }

    /// <summary>
    /// <c>body_base64</c> holds the exact bytes when the body was not valid UTF-8 (then <c>body</c>
    /// is lossy); otherwise <c>body</c> is the exact body.
    /// </summary>
    private static IEnumerable<QuarantinedRecord> Decode(Stream content, DateOnly day, string key)
    {
        using var input = new ManagedRandomAccessFile(content, leaveOpen: true);
        using var file = new ParquetFileReader(input);
        var schema = file.FileMetaData.Schema;
        var records = new List<QuarantinedRecord>();
        for (var g = 0; g < file.FileMetaData.NumRowGroups; g++)
        {
            using var group = file.RowGroup(g);
            var rows = checked((int)group.MetaData.NumRows);
            var ids = Read<string>(group, schema.ColumnIndex("sqs_message_id"), rows);
            var bodies = Read<string>(group, schema.ColumnIndex("body"), rows);
            var exact = Read<string?>(group, schema.ColumnIndex("body_base64"), rows);
            var errors = Read<string>(group, schema.ColumnIndex("error"), rows);
            var times = Read<DateTime>(group, schema.ColumnIndex("quarantined_at"), rows);
            for (var r = 0; r < rows; r++)
            {
                var body = exact[r] is { } base64 ? Convert.FromBase64String(base64) : System.Text.Encoding.UTF8.GetBytes(bodies[r]);
                records.Add(new QuarantinedRecord(ids[r], body, errors[r], times[r], day, key));
            }
        }

        return records;
    }

    private static T[] Read<T>(RowGroupReader group, int column, int rows)
    {
        if (column < 0)
        {
            throw new InvalidDataException("A quarantine object lacks a column of the quarantine table; it was not written by this processor.");
        }

        using var reader = group.Column(column).LogicalReader<T>();
        return reader.ReadAll(rows);
    }
}
