using System.Globalization;
using Amazon.SQS;
using Amazon.SQS.Model;
using DataPlatform.Operations.Query;

namespace DataPlatform.Operations.Reconcile;

/// <summary>
/// Counts what was sent in a window against what landed, was quarantined, or waits in the queue or the DLQ.
/// Landed and quarantined message ids come from the lake's Parquet (<c>sqs_message_id</c>, read through the
/// <see cref="LakeMirror"/> with DuckDB); sent ids from the <see cref="SendLedger"/> when it has entries for the
/// window, otherwise the caller's CloudWatch count. The queues are only asked for their attributes: receiving
/// from the DLQ to list its ids would raise their receive counts, which Redrive and an operator rely on.
/// Compacted hours count too: once the compaction has deleted an hour's raw files, its messages are only in
/// <c>compacted_events</c>, and a redelivered copy of an event it dropped there is landed through the copy it kept
/// (matched by <c>event_id</c>, ledger only: without a ledger the ids of what was sent are unknown).
/// </summary>
public sealed class Reconciler(IAmazonSQS sqs, LakeMirror mirror, string queueUrl, string deadLetterQueueUrl)
{
    public async Task<ReconcileReport> RunAsync(ReconcileWindow window, SendLedger? ledger, long? cloudWatchSent,
        IProgress<MirrorSync>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(window);
        var sent = ledger is null ? [] : await ledger.ReadAsync(queueUrl, window.From, window.To, cancellationToken);
        // The files as they landed (events_raw) and the compacted hours: a message counts as landed by its own id,
        // duplicates included while their raw files remain.
        foreach (var table in LandedTables)
        {
            await mirror.SyncAsync(table, window.FirstLakeDay, progress, cancellationToken);
        }

        var queue = await DepthAsync(queueUrl, cancellationToken);
        var deadLetters = await DepthAsync(deadLetterQueueUrl, cancellationToken);
        using var lake = LakeDatabase.Open(mirror, LandedTables);
        var landedInWindow = MessageIds(lake, LandedSelect, window);
        var quarantinedInWindow = MessageIds(lake, "SELECT sqs_message_id FROM quarantine", window);

        if (sent.Count > 0)
        {
            // Matched by id, not by the window: SQS's sent time and the sender's clock may differ by a little.
            var landedAll = MessageIds(lake, LandedSelect, null);
            var quarantinedAll = MessageIds(lake, "SELECT sqs_message_id FROM quarantine", null);
            var ledgered = sent.Select(m => m.MessageId).ToHashSet(StringComparer.Ordinal);
            var compactedEvents = lake.Read("SELECT DISTINCT event_id FROM compacted_events").Rows
                .Select(r => (string)r[0]!).ToHashSet(StringComparer.Ordinal);
            bool Landed(SentMessage m) => landedAll.Contains(m.MessageId) || compactedEvents.Contains(m.EventId);
            return new ReconcileReport
            {
                Window = window,
                Source = SentSource.Ledger,
                Sent = sent.Count,
                Landed = sent.Count(Landed),
                LandedAsAnotherCopy = sent.Count(m => !landedAll.Contains(m.MessageId) && compactedEvents.Contains(m.EventId)),
                Quarantined = sent.Count(m => !Landed(m) && quarantinedAll.Contains(m.MessageId)),
                Queue = queue,
                DeadLetters = deadLetters,
                Unledgered = landedInWindow.Concat(quarantinedInWindow).Distinct(StringComparer.Ordinal).Count(id => !ledgered.Contains(id)),
                MissingMessages = [.. sent.Where(m => !Landed(m) && !quarantinedAll.Contains(m.MessageId))
                    .Select(m => new MissingMessage(m.MessageId, m.EventId, m.SentAt))],
            };
        }

        return new ReconcileReport
        {
            Window = window,
            Source = cloudWatchSent is null ? SentSource.Unknown : SentSource.CloudWatch,
            Sent = cloudWatchSent,
            Landed = landedInWindow.Count,
            Quarantined = quarantinedInWindow.Count(id => !landedInWindow.Contains(id)),
            Queue = queue,
            DeadLetters = deadLetters,
        };
    }

    private const string LandedSelect =
        "SELECT sqs_message_id FROM events_raw UNION SELECT sqs_message_id FROM compacted_events UNION SELECT sqs_message_id FROM canaries";

    private static IReadOnlyList<LakeTable> LandedTables { get; } = [LakeTable.Events, LakeTable.Compacted, LakeTable.Quarantine, LakeTable.Canaries];

    private static HashSet<string> MessageIds(LakeDatabase lake, string select, ReconcileWindow? window)
    {
        var sql = $"SELECT DISTINCT sqs_message_id FROM ({select.Replace("SELECT sqs_message_id", "SELECT sqs_message_id, sqs_sent_at", StringComparison.Ordinal)})";
        if (window is not null)
        {
            sql += string.Create(CultureInfo.InvariantCulture,
                $" WHERE sqs_sent_at >= '{window.From.UtcDateTime:yyyy-MM-dd HH:mm:ss.ffffff}+00'::TIMESTAMPTZ AND sqs_sent_at < '{window.To.UtcDateTime:yyyy-MM-dd HH:mm:ss.ffffff}+00'::TIMESTAMPTZ");
        }

        var result = lake.Read(sql);
        return result.Rows.Select(r => (string)r[0]!).ToHashSet(StringComparer.Ordinal);
    }

    private async Task<QueueDepth> DepthAsync(string url, CancellationToken cancellationToken)
    {
        var attributes = await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest
        {
            QueueUrl = url,
            AttributeNames = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed"],
        }, cancellationToken);
        return new QueueDepth(attributes.ApproximateNumberOfMessages, attributes.ApproximateNumberOfMessagesNotVisible,
            attributes.ApproximateNumberOfMessagesDelayed);
    }
}
