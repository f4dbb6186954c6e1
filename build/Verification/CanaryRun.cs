using System.Diagnostics;
using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS;
using Amazon.SQS.Model;
using DataPlatform.Operations.Reconcile;
using Parquet;

namespace DataPlatform.Build.Verification;

/// <summary>
/// Canary events through the deployed pipeline: sends them to the ingest queue, then reads the
/// lake's Parquet until every canary id is there (or time runs out).
/// </summary>
public sealed class CanaryRun(IAmazonSQS sqs, IAmazonS3 s3, string queueUrl, string bucket, string prefix, SendLedger ledger)
{
    public const string EventType = DataPlatform.Processor.Lake.LakeKeys.CanaryEventType;

    private readonly Dictionary<string, TimeSpan> _found = new(StringComparer.Ordinal);
    private readonly HashSet<string> _readKeys = new(StringComparer.Ordinal);
    private readonly Stopwatch _clock = new();

    public IReadOnlyList<string> Sent { get; private set; } = [];

    public IReadOnlyDictionary<string, TimeSpan> Found => _found;

    public IEnumerable<string> Missing => Sent.Where(id => !_found.ContainsKey(id));

    public async Task SendAsync(int count, CancellationToken cancellationToken)
    {
        var run = Guid.NewGuid().ToString("N")[..12];
        var ids = Enumerable.Range(1, count).Select(i => $"canary-{run}-{i:D5}").ToList();
        _clock.Start();
        // Through the ledger, so Reconcile can name a canary that never arrived.
        await new LedgeredSender(sqs, ledger).SendAsync(queueUrl, [.. ids.Select(Body)], cancellationToken);
        Sent = ids;
    }

    /// <summary>Reads lake objects not read before; returns true when every canary is found.</summary>
    public async Task<bool> ScanAsync(CancellationToken cancellationToken)
    {
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = $"{prefix}canaries/event_type={EventType}/" };
        ListObjectsV2Response page;
        do
        {
            page = await s3.ListObjectsV2Async(request, cancellationToken);
            foreach (var entry in (page.S3Objects ?? []).Where(o => o.Key.EndsWith(".parquet", StringComparison.Ordinal) && _readKeys.Add(o.Key)))
            {
                using var response = await s3.GetObjectAsync(bucket, entry.Key, cancellationToken);
                using var buffer = new MemoryStream();
                await response.ResponseStream.CopyToAsync(buffer, cancellationToken);
                buffer.Position = 0;
                foreach (var id in await EventIdsAsync(buffer, cancellationToken))
                {
                    _found.TryAdd(id, _clock.Elapsed);
                }
            }

            request.ContinuationToken = page.NextContinuationToken;
        }
        while (page.IsTruncated == true);

        return Sent.All(_found.ContainsKey);
    }

    public async Task<int> DeadLetterCountAsync(string deadLetterQueueUrl, CancellationToken cancellationToken)
    {
        var attributes = await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest
        {
            QueueUrl = deadLetterQueueUrl,
            AttributeNames = ["ApproximateNumberOfMessages"],
        }, cancellationToken);
        return attributes.ApproximateNumberOfMessages;
    }

    private static string Body(string id) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["event_type"] = EventType,
        ["event_id"] = id,
        ["occurred_at"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"),
        ["source"] = "dataplatform-kit/verify",
        ["payload"] = new Dictionary<string, object> { ["purpose"] = "deployment verification" },
    });

    private static async Task<List<string>> EventIdsAsync(Stream parquet, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        await using var reader = await ParquetReader.CreateAsync(parquet, cancellationToken: cancellationToken);
        var field = reader.Schema.GetDataFields().First(f => f.Name == "event_id");
        for (var group = 0; group < reader.RowGroupCount; group++)
        {
            var rows = reader.OpenRowGroupReader(group);
            var values = new string?[rows.RowCount];
            await rows.ReadAsync(field, values.AsMemory(), cancellationToken: cancellationToken);
            ids.AddRange(values.OfType<string>());
        }

        return ids;
    }
}
