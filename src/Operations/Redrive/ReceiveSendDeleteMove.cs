using System.Globalization;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace DataPlatform.Operations.Redrive;

/// <summary>
/// The redrive where the service has no message-move task: up to ten messages at a time are received
/// from the DLQ, sent to the ingest queue with the same body and message attributes, and only then
/// deleted from the DLQ. A run that stops between the send and the delete leaves the message in
/// both queues (it reappears in the DLQ after the visibility timeout), so the worst case is a
/// duplicate, which the lake's idempotent object names absorb; a message is never in neither.
/// </summary>
internal sealed class ReceiveSendDeleteMove(IAmazonSQS sqs, RedriveOptions options)
{
    private const int BatchSize = 10;

    /// <summary>Called after a batch is in the ingest queue and before it leaves the DLQ; tests interrupt a run there.</summary>
    public Action<IReadOnlyList<Message>>? Sent { get; init; }

    public async Task<long> RunAsync(long expected, IProgress<RedriveProgress>? progress, CancellationToken cancellationToken)
    {
        long moved = 0;
        while (true)
        {
            var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = options.DeadLetterQueueUrl,
                MaxNumberOfMessages = BatchSize,
                // A second's long poll asks every server of the queue, so an empty answer means an empty queue.
                WaitTimeSeconds = 1,
                VisibilityTimeout = (int)Math.Ceiling(options.VisibilityTimeout.TotalSeconds),
                MessageAttributeNames = ["All"],
                MessageSystemAttributeNames = ["AWSTraceHeader"],
            }, cancellationToken);
            var messages = received.Messages ?? [];
            if (messages.Count == 0)
            {
                return moved;
            }

            await SendAsync(messages, cancellationToken);
            Sent?.Invoke(messages);
            await DeleteAsync(messages, cancellationToken);
            moved += messages.Count;
            progress?.Report(new RedriveProgress(moved, Math.Max(expected, moved)));
        }
    }

    private async Task SendAsync(List<Message> messages, CancellationToken cancellationToken)
    {
        var response = await sqs.SendMessageBatchAsync(new SendMessageBatchRequest
        {
            QueueUrl = options.IngestQueueUrl,
            Entries = messages.Select((m, i) => new SendMessageBatchRequestEntry
            {
                Id = i.ToString(CultureInfo.InvariantCulture),
                MessageBody = m.Body,
                MessageAttributes = m.MessageAttributes is { Count: > 0 } attributes ? attributes : null,
                MessageSystemAttributes = m.Attributes?.TryGetValue("AWSTraceHeader", out var trace) == true
                    ? new Dictionary<string, MessageSystemAttributeValue>
                    {
                        ["AWSTraceHeader"] = new() { DataType = "String", StringValue = trace },
                    }
                    : null,
            }).ToList(),
        }, cancellationToken);

        if (response.Failed is { Count: > 0 } failed)
        {
            // Nothing of this batch is deleted: the ones that were sent are duplicated by the next run, none is lost.
            throw new RedriveFailedException(
                $"The ingest queue refused {failed.Count} of {messages.Count} message(s) ({failed[0].Code}: {failed[0].Message}). " +
                $"They stay in the dead-letter queue and show up there again within {options.VisibilityTimeout.TotalSeconds:0} s; " +
                "fix the cause and run Redrive again (messages of this batch that were sent will then be in the ingest queue twice).");
        }
    }

    private async Task DeleteAsync(List<Message> messages, CancellationToken cancellationToken)
    {
        var response = await sqs.DeleteMessageBatchAsync(new DeleteMessageBatchRequest
        {
            QueueUrl = options.DeadLetterQueueUrl,
            Entries = messages.Select((m, i) => new DeleteMessageBatchRequestEntry(i.ToString(CultureInfo.InvariantCulture), m.ReceiptHandle)).ToList(),
        }, cancellationToken);

        if (response.Failed is { Count: > 0 } failed)
        {
            throw new RedriveFailedException(
                $"{failed.Count} message(s) reached the ingest queue but could not be deleted from the dead-letter queue ({failed[0].Code}: {failed[0].Message}). " +
                "They are in both queues now; the next Redrive moves them again (a duplicate, which the lake's idempotent object names absorb).");
        }
    }
}
