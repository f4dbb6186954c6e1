using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace DataPlatform.Operations.Reconcile;

/// <summary>
/// Sends event bodies to a queue in batches of ten and records each accepted message in the
/// <see cref="SendLedger"/>, so that Reconcile can later say exactly which of them reached the lake.
/// The kit's own senders (Verify's canaries, the Send target, the tests) go through here.
/// </summary>
public sealed class LedgeredSender(IAmazonSQS sqs, SendLedger ledger, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public async Task<IReadOnlyList<SentMessage>> SendAsync(string queueUrl, IReadOnlyList<string> bodies,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bodies);
        var sent = new List<SentMessage>(bodies.Count);
        foreach (var chunk in bodies.Select((body, index) => (body, index)).Chunk(10))
        {
            var sentAt = _clock.GetUtcNow();
            var response = await sqs.SendMessageBatchAsync(new SendMessageBatchRequest
            {
                QueueUrl = queueUrl,
                Entries = [.. chunk.Select(m => new SendMessageBatchRequestEntry(m.index.ToString(System.Globalization.CultureInfo.InvariantCulture), m.body))],
            }, cancellationToken);
            var accepted = (response.Successful ?? []).Select(s =>
                new SentMessage(sentAt, s.MessageId, EventIdOf(bodies[int.Parse(s.Id, System.Globalization.CultureInfo.InvariantCulture)]) ?? s.MessageId, queueUrl)).ToList();
            await ledger.AppendAsync(accepted, cancellationToken);
            sent.AddRange(accepted);
            if (response.Failed is { Count: > 0 } failed)
            {
                throw new InvalidOperationException(
                    $"SQS refused {failed.Count} of {chunk.Length} message(s) ({failed[0].Code}: {failed[0].Message}); " +
                    $"{sent.Count} were sent and are in the ledger. Fix the cause and send the rest again.");
            }
        }

        return sent;
    }

    /// <summary>The body's <c>event_id</c>, or null when it has none (the processor then uses the message id).</summary>
    internal static string? EventIdOf(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("event_id", out var id) && id.ValueKind == JsonValueKind.String
                && id.GetString() is { Length: > 0 } value ? value : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
