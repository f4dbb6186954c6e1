using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using DataPlatform.Processor.Lake;

namespace DataPlatform.Operations.Replay;

/// <summary>
/// What was replayed, kept in the lake beside the tables: one small JSON object per quarantined
/// record under <c>operations/replayed/</c>, named by the record's original SQS message id. The
/// message id is the record's identity because a redelivered batch can quarantine one message in two
/// objects (different batches, different object names) and it must still be replayed once; and it is
/// what a person searching the lake already has. A replayed body gets a new message id, so if it is
/// refused again it is a new quarantined record, replayable on its own.
/// </summary>
internal sealed class ReplayLedger(IAmazonS3 s3, string bucket, LakeKeys keys)
{
    public string Root => keys.Prefix + "operations/replayed/";

    public string KeyOf(string messageId) => Root + Uri.EscapeDataString(messageId) + ".json";

    public async Task<HashSet<string>> ReplayedIdsAsync(CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = Root };
        ListObjectsV2Response page;
        do
        {
            page = await s3.ListObjectsV2Async(request, cancellationToken);
            foreach (var item in page.S3Objects ?? [])
            {
                if (item.Key.EndsWith(".json", StringComparison.Ordinal))
                {
                    ids.Add(Uri.UnescapeDataString(item.Key[Root.Length..^".json".Length]));
                }
            }

            request.ContinuationToken = page.NextContinuationToken;
        }
        while (page.IsTruncated == true);

        return ids;
    }

    public async Task RecordAsync(QuarantinedRecord record, string replayedMessageId, DateTimeOffset replayedAt, CancellationToken cancellationToken)
    {
        var entry = new Dictionary<string, string>
        {
            ["quarantined_message_id"] = record.MessageId,
            ["quarantine_object"] = record.ObjectKey,
            ["dt"] = record.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["error"] = record.Error,
            ["quarantined_at"] = record.QuarantinedAt.ToString("O", CultureInfo.InvariantCulture),
            ["body_sha256"] = Convert.ToHexStringLower(SHA256.HashData(record.Body.Span)),
            ["replayed_message_id"] = replayedMessageId,
            ["replayed_at"] = replayedAt.ToString("O", CultureInfo.InvariantCulture),
        };
        await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket,
            Key = KeyOf(record.MessageId),
            ContentBody = JsonSerializer.Serialize(entry),
            ContentType = "application/json",
        }, cancellationToken);
    }
}
