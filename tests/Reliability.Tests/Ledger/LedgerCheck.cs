using Amazon.SQS;
using Amazon.SQS.Model;
using DataPlatform.Reliability.Tests.Environment;

namespace DataPlatform.Reliability.Tests.Ledger;

/// <summary>
/// Balances a scenario's books: every sent message is looked up in the events table (by event id),
/// the quarantine (by SQS message id) and the dead-letter queue (by message id). The DLQ messages
/// of the scenario are read and deleted so the next scenario starts from an empty DLQ.
/// </summary>
public static class LedgerCheck
{
    public static async Task<LedgerReport> RunAsync(DeployedEnvironment environment, string scenario, IReadOnlyList<SentMessage> sent,
        string eventTypePrefix, TimeSpan elapsed, Dictionary<string, object>? details = null)
    {
        var reader = new LakeReader(environment.S3, environment.Bucket);
        var (lakeRows, lakeObjects) = await reader.ReadAsync($"events/event_type={eventTypePrefix}");
        var messageIds = sent.Select(s => s.MessageId).ToHashSet(StringComparer.Ordinal);
        var quarantineKeys = await reader.ListAsync("quarantine/");
        var quarantineRows = new List<LakeRow>();
        var quarantineObjects = 0;
        foreach (var key in quarantineKeys)
        {
            var rows = (await reader.ReadObjectAsync(key)).Where(r => messageIds.Contains(r.MessageId)).ToList();
            if (rows.Count > 0)
            {
                quarantineObjects++;
                quarantineRows.AddRange(rows);
            }
        }

        var inDlq = await DrainDeadLettersAsync(environment.Sqs, environment.DeadLetterQueueUrl, messageIds);

        var lakeByEvent = lakeRows.Where(r => r.EventId is not null).GroupBy(r => r.EventId!).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        // A message that had no event_id of its own is stored under its SQS message id.
        var lakeByMessage = lakeRows.GroupBy(r => r.MessageId).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var quarantineByMessage = quarantineRows.GroupBy(r => r.MessageId).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        int landed = 0, quarantined = 0, dead = 0, duplicated = 0, duplicateRows = 0;
        var lost = new List<string>();
        var misplaced = new List<string>();
        foreach (var message in sent)
        {
            var inLake = lakeByEvent.GetValueOrDefault(message.EventId) is var byEvent and > 0
                ? byEvent
                : lakeByMessage.GetValueOrDefault(message.MessageId);
            var inQuarantine = quarantineByMessage.GetValueOrDefault(message.MessageId);
            var isDead = inDlq.Contains(message.MessageId);
            landed += inLake > 0 ? 1 : 0;
            quarantined += inQuarantine > 0 ? 1 : 0;
            dead += isDead ? 1 : 0;
            var rows = inLake + inQuarantine;
            if (rows > 1)
            {
                duplicated++;
                duplicateRows += rows - 1;
            }

            if (rows == 0 && !isDead)
            {
                lost.Add(message.EventId);
                continue;
            }

            var where = inLake > 0 ? Destination.Lake : inQuarantine > 0 ? Destination.Quarantine : Destination.DeadLetterQueue;
            if (where != message.Expected)
            {
                misplaced.Add($"{message.EventId} expected {message.Expected}, found {where}");
            }
        }

        return new LedgerReport
        {
            Scenario = scenario,
            Sent = sent.Count,
            Landed = landed,
            Quarantined = quarantined,
            InDeadLetterQueue = dead,
            Duplicated = duplicated,
            DuplicateRows = duplicateRows,
            Lost = lost.Count,
            Misplaced = misplaced.Count,
            LakeObjects = lakeObjects,
            QuarantineObjects = quarantineObjects,
            ElapsedSeconds = Math.Round(elapsed.TotalSeconds, 2),
            EventsPerSecond = elapsed > TimeSpan.Zero ? Math.Round(sent.Count / elapsed.TotalSeconds, 1) : 0,
            LostIds = lost,
            MisplacedIds = misplaced,
            Details = details ?? [],
        };
    }

    /// <summary>Reads the DLQ until it stays empty; deletes and returns the message ids that are ours.</summary>
    private static async Task<HashSet<string>> DrainDeadLettersAsync(IAmazonSQS sqs, string queueUrl, HashSet<string> ours)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var empties = 0;
        while (empties < 2)
        {
            var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = queueUrl,
                MaxNumberOfMessages = 10,
                WaitTimeSeconds = 1,
                VisibilityTimeout = 60,
            });
            var messages = response.Messages ?? [];
            if (messages.Count == 0)
            {
                empties++;
                continue;
            }

            foreach (var message in messages.Where(m => ours.Contains(m.MessageId)))
            {
                found.Add(message.MessageId);
                await sqs.DeleteMessageAsync(queueUrl, message.ReceiptHandle);
            }
        }

        return found;
    }
}
