using Amazon.S3;
using Amazon.S3.Model;
using Parquet;
using Parquet.Schema;

namespace DataPlatform.Reliability.Tests.Ledger;

/// <summary>Lists the lake and reads its Parquet back with Parquet.Net: the ledger's view of what is durable.</summary>
public sealed class LakeReader(IAmazonS3 s3, string bucket)
{
    public async Task<List<string>> ListAsync(string prefix)
    {
        var keys = new List<string>();
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = prefix };
        ListObjectsV2Response response;
        do
        {
            response = await s3.ListObjectsV2Async(request);
            keys.AddRange((response.S3Objects ?? []).Select(o => o.Key));
            request.ContinuationToken = response.NextContinuationToken;
        }
        while (response.IsTruncated == true);
        return keys;
    }

    /// <summary>Every row of every object under <paramref name="prefix"/>, downloaded a few at a time.</summary>
    public async Task<(List<LakeRow> Rows, int Objects)> ReadAsync(string prefix)
    {
        var keys = await ListAsync(prefix);
        var rows = new List<LakeRow>();
        using var gate = new SemaphoreSlim(4);
        var reads = keys.Select(async key =>
        {
            await gate.WaitAsync();
            try
            {
                return await ReadObjectAsync(key);
            }
            finally
            {
                gate.Release();
            }
        });
        foreach (var part in await Task.WhenAll(reads))
        {
            rows.AddRange(part);
        }

        return (rows, keys.Count);
    }

    /// <summary>Which of <paramref name="ours"/> are durable now: in the events of <paramref name="eventTypePrefix"/> or in the quarantine.</summary>
    public async Task<HashSet<string>> DurableMessageIdsAsync(string eventTypePrefix, IReadOnlySet<string> ours)
    {
        var (rows, _) = await ReadAsync($"events/event_type={eventTypePrefix}");
        var durable = rows.Select(r => r.MessageId).Where(ours.Contains).ToHashSet(StringComparer.Ordinal);
        foreach (var key in await ListAsync("quarantine/"))
        {
            durable.UnionWith((await ReadObjectAsync(key)).Select(r => r.MessageId).Where(ours.Contains));
        }

        return durable;
    }

    public async Task<List<LakeRow>> ReadObjectAsync(string key)
    {
        using var response = await s3.GetObjectAsync(bucket, key);
        using var buffer = new MemoryStream();
        await response.ResponseStream.CopyToAsync(buffer);
        buffer.Position = 0;
        await using var reader = await ParquetReader.CreateAsync(buffer);
        var fields = reader.Schema.GetDataFields().ToDictionary(f => f.Name);
        var rows = new List<LakeRow>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var count = (int)group.RowCount;
            var messageIds = await StringsAsync(group, fields, "sqs_message_id", count);
            var eventIds = await StringsAsync(group, fields, "event_id", count);
            var errors = await StringsAsync(group, fields, "error", count);
            for (var r = 0; r < count; r++)
            {
                rows.Add(new LakeRow(key, eventIds?[r], messageIds?[r] ?? "", errors?[r]));
            }
        }

        return rows;
    }

    private static async Task<string?[]?> StringsAsync(ParquetRowGroupReader group, Dictionary<string, DataField> fields, string name, int count)
    {
        if (!fields.TryGetValue(name, out var field))
        {
            return null;
        }

        var values = new string?[count];
        await group.ReadAsync(field, values.AsMemory());
        return values;
    }
}
