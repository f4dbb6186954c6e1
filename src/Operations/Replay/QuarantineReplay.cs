using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using Amazon.S3;
using Amazon.SQS;
using Amazon.SQS.Model;
using DataPlatform.Operations.Reconcile;
using DataPlatform.Processor.Configuration;
using DataPlatform.Processor.Lake;

namespace DataPlatform.Operations.Replay;

/// <summary>
/// Sends quarantined bodies back to the ingest queue, byte for byte, once each: <see cref="PlanAsync"/>
/// reads the selected quarantine partitions and judges every body with today's contract;
/// <see cref="SendAsync"/> sends those that now pass and records each in the <see cref="ReplayLedger"/>
/// after its send, so an interrupted run re-sends at worst (a duplicate) and never skips a body.
/// Bodies that would be refused again are not sent: they would only be quarantined once more.
/// </summary>
public sealed class QuarantineReplay
{
    /// <summary>SQS's limit for one SendMessageBatch call's bodies together.</summary>
    private const int MaxBatchBytes = 262_144;

    private readonly IAmazonSQS _sqs;
    private readonly string _ingestQueueUrl;
    private readonly ProcessorSettings _settings;
    private readonly QuarantineReader _reader;
    private readonly ReplayLedger _ledger;
    private readonly SendLedger? _sent;

    /// <param name="settings">The deployed processor's settings: its bucket and prefix, and its body limit for today's contract.</param>
    /// <param name="sent">
    /// The environment's send ledger, when it keeps one: a replayed body is a new message the kit sent, so
    /// Reconcile must count it as sent rather than as something another producer put on the queue.
    /// </param>
    public QuarantineReplay(IAmazonS3 s3, IAmazonSQS sqs, string ingestQueueUrl, ProcessorSettings settings, SendLedger? sent = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _sqs = sqs;
        _ingestQueueUrl = ingestQueueUrl;
        _settings = settings;
        var keys = new LakeKeys(settings.Prefix);
        _reader = new QuarantineReader(s3, settings.Bucket, keys);
        _ledger = new ReplayLedger(s3, settings.Bucket, keys);
        _sent = sent;
    }

    /// <summary>Where the replayed records are kept (s3://bucket/…), for what a dry run prints.</summary>
    public string LedgerLocation => $"s3://{_settings.Bucket}/{_ledger.Root}";

    public string PartitionLocation(DateOnly day) => $"s3://{_settings.Bucket}/{_reader.PrefixOf(day)}";

    public async Task<ReplayPlan> PlanAsync(ReplaySelection selection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var days = selection.Days().ToList();
        var replayed = await _ledger.ReplayedIdsAsync(cancellationToken);
        var contract = new TodaysContract(_settings);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var selected = 0;
        List<QuarantinedRecord> toSend = [], alreadyReplayed = [], notText = [];
        List<RefusedRecord> stillRefused = [];
        foreach (var day in days)
        {
            foreach (var record in await _reader.ReadAsync(day, cancellationToken))
            {
                // A message quarantined twice (a redelivered batch in another object) is one record.
                if (!selection.Matches(record) || !seen.Add(record.MessageId))
                {
                    continue;
                }

                selected++;
                if (replayed.Contains(record.MessageId))
                {
                    alreadyReplayed.Add(record);
                }
                else if (contract.Refusal(record) is { } error)
                {
                    stillRefused.Add(new RefusedRecord(record, error));
                }
                else if (!Utf8.IsValid(record.Body.Span))
                {
                    // SQS carries text only: these bytes cannot be sent as they are.
                    notText.Add(record);
                }
                else
                {
                    toSend.Add(record);
                }
            }
        }

        return new ReplayPlan(selection, days.Select(PartitionLocation).ToList(), selected, toSend, stillRefused, alreadyReplayed, notText);
    }

    public async Task<ReplayResult> SendAsync(ReplayPlan plan, IProgress<ReplayProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var clock = Stopwatch.StartNew();
        var replayedAs = new Dictionary<string, string>(StringComparer.Ordinal);
        progress?.Report(new ReplayProgress(0, plan.ToSend.Count));
        foreach (var batch in Batches(plan.ToSend))
        {
            var response = await _sqs.SendMessageBatchAsync(new SendMessageBatchRequest
            {
                QueueUrl = _ingestQueueUrl,
                Entries = batch.Select((r, i) => new SendMessageBatchRequestEntry(i.ToString(CultureInfo.InvariantCulture), Encoding.UTF8.GetString(r.Body.Span))).ToList(),
            }, cancellationToken);

            var now = DateTimeOffset.UtcNow;
            if (_sent is not null)
            {
                await _sent.AppendAsync([.. (response.Successful ?? []).Select(m =>
                {
                    var body = Encoding.UTF8.GetString(batch[int.Parse(m.Id, CultureInfo.InvariantCulture)].Body.Span);
                    return new SentMessage(now, m.MessageId, LedgeredSender.EventIdOf(body) ?? m.MessageId, _ingestQueueUrl);
                })], cancellationToken);
            }

            await Parallel.ForEachAsync(response.Successful ?? [], new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
                async (sent, token) =>
                {
                    var record = batch[int.Parse(sent.Id, CultureInfo.InvariantCulture)];
                    await _ledger.RecordAsync(record, sent.MessageId, now, token);
                    lock (replayedAs)
                    {
                        replayedAs[record.MessageId] = sent.MessageId;
                    }
                });

            if (response.Failed is { Count: > 0 } failed)
            {
                throw new ReplayFailedException(
                    $"The ingest queue refused {failed.Count} of {batch.Count} replayed bodies ({failed[0].Code}: {failed[0].Message}); " +
                    $"{replayedAs.Count} were sent and recorded before that. The refused ones stay in quarantine, not recorded as replayed: " +
                    "fix the cause and run Replay again (it skips what was recorded).");
            }

            progress?.Report(new ReplayProgress(replayedAs.Count, plan.ToSend.Count));
        }

        return new ReplayResult(replayedAs.Count, replayedAs, clock.Elapsed);
    }

    private static IEnumerable<List<QuarantinedRecord>> Batches(IReadOnlyList<QuarantinedRecord> records)
    {
        var batch = new List<QuarantinedRecord>();
        var bytes = 0;
        foreach (var record in records)
        {
            if (batch.Count == 10 || (batch.Count > 0 && bytes + record.Body.Length > MaxBatchBytes))
            {
                yield return batch;
                batch = [];
                bytes = 0;
            }

            batch.Add(record);
            bytes += record.Body.Length;
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }
}
