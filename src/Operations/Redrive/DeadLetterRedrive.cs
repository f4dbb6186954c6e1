using System.Diagnostics;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace DataPlatform.Operations.Redrive;

/// <summary>
/// Puts the dead-letter queue's messages back on the ingest queue: with SQS's message-move task
/// where the service offers it, otherwise receive → send → delete (<see cref="ReceiveSendDeleteMove"/>).
/// </summary>
public sealed class DeadLetterRedrive(IAmazonSQS sqs, RedriveOptions options)
{
    /// <summary>Between the send and the delete of each fallback batch; the interruption tests stop a run there.</summary>
    internal Action<IReadOnlyList<Message>>? AfterSend { get; init; }

    /// <summary>Messages in the DLQ now, visible or held by a receiver: what a redrive would move.</summary>
    public async Task<long> DepthAsync(CancellationToken cancellationToken = default)
    {
        var attributes = await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest
        {
            QueueUrl = options.DeadLetterQueueUrl,
            AttributeNames = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
        }, cancellationToken);
        return (long)attributes.ApproximateNumberOfMessages + attributes.ApproximateNumberOfMessagesNotVisible;
    }

    public async Task<RedriveResult> RunAsync(IProgress<RedriveProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var expected = await DepthAsync(cancellationToken);
        progress?.Report(new RedriveProgress(0, expected));
        var (moved, unsupported) = await new MessageMoveTask(sqs, options).RunAsync(progress, cancellationToken);
        if (moved is { } byService)
        {
            return new RedriveResult(RedriveMethod.MessageMoveTask, byService, clock.Elapsed, null);
        }

        var byHand = await new ReceiveSendDeleteMove(sqs, options) { Sent = AfterSend }.RunAsync(expected, progress, cancellationToken);
        return new RedriveResult(RedriveMethod.ReceiveSendDelete, byHand, clock.Elapsed, unsupported);
    }
}
