using System.Globalization;
using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace DataPlatform.Reliability.Tests.Ledger;

/// <summary>
/// Puts messages on the ingest queue in SendMessageBatch pages, a few pages at a time, and records
/// the message id SQS gave each one: the ledger's list of what must be found again.
/// </summary>
public static class EventSender
{
    private static readonly string[] Sources = ["web", "ios", "android", "billing", "crm", "iot"];

    /// <summary>A valid event per the contract (docs/events.md), ~300–900 bytes, with its own id.</summary>
    public static (string EventId, string Body) ValidEvent(string eventType, int index)
    {
        var id = $"{eventType}-{index:D7}-{Guid.NewGuid():N}";
        var body = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["event_id"] = id,
            ["event_type"] = eventType,
            ["occurred_at"] = DateTimeOffset.UtcNow.AddSeconds(-index % 3600).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["source"] = Sources[index % Sources.Length],
            ["payload"] = new Dictionary<string, object>
            {
                ["user_id"] = index % 9973,
                ["amount"] = index * 0.01,
                ["tags"] = Enumerable.Range(0, index % 7).Select(t => "tag" + t).ToArray(),
                // Mixed body sizes: most events are small, every 50th carries a large note.
                ["note"] = new string('x', index % 50 == 0 ? 4000 : 200 + index % 400),
            },
            ["session"] = Guid.NewGuid().ToString(),
        });
        return (id, body);
    }

    /// <summary>
    /// Sends the bodies; the returned ids are in the same order as <paramref name="messages"/>. With a
    /// <paramref name="backlog"/>, every tenth page first waits until the queue is below its limit.
    /// </summary>
    public static async Task<List<SentMessage>> SendAsync(IAmazonSQS sqs, string queueUrl,
        IReadOnlyList<(string EventId, string Body, Destination Expected)> messages, int parallelism = 8, QueueBacklog? backlog = null)
    {
        // SQS caps a whole batch call at 256 KiB, so large bodies go one by one.
        var indexed = messages.Select((m, i) => (m, i)).ToList();
        var pages = indexed.Where(p => p.m.Body.Length <= 16_384).Chunk(10)
            .Concat(indexed.Where(p => p.m.Body.Length > 16_384).Select(p => new[] { p })).ToList();
        var results = new SentMessage?[messages.Count];
        using var gate = new SemaphoreSlim(parallelism);
        await Task.WhenAll(pages.Select(async (page, number) =>
        {
            await gate.WaitAsync();
            try
            {
                if (backlog is not null && number % 10 == 0)
                {
                    await backlog.WaitBelowLimitAsync();
                }

                var response = await sqs.SendMessageBatchAsync(new SendMessageBatchRequest
                {
                    QueueUrl = queueUrl,
                    Entries = page.Select(p => new SendMessageBatchRequestEntry(p.i.ToString(CultureInfo.InvariantCulture), p.m.Body)).ToList(),
                });
                if (response.Failed is { Count: > 0 } failed)
                {
                    throw new InvalidOperationException($"SQS refused {failed.Count} messages: {failed[0].Code} {failed[0].Message}");
                }

                foreach (var entry in response.Successful)
                {
                    var index = int.Parse(entry.Id, CultureInfo.InvariantCulture);
                    var m = messages[index];
                    results[index] = new SentMessage(m.EventId, entry.MessageId, m.Body, m.Expected);
                }
            }
            finally
            {
                gate.Release();
            }
        }));
        return results.Select(r => r ?? throw new InvalidOperationException("A message was sent without an id.")).ToList();
    }
}
