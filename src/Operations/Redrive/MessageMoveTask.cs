using System.Net;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace DataPlatform.Operations.Redrive;

/// <summary>
/// SQS's own redrive (StartMessageMoveTask): the service moves the DLQ's messages to the ingest
/// queue, keeping bodies and attributes, and is asked how far it got until it is done.
/// </summary>
internal sealed class MessageMoveTask(IAmazonSQS sqs, RedriveOptions options)
{
    /// <summary>
    /// The move's count, or null with the reason when the service does not offer the move
    /// (emulators; moto answers a bare 500): the caller then moves the messages itself.
    /// </summary>
    public async Task<(long? Moved, string? Unsupported)> RunAsync(IProgress<RedriveProgress>? progress, CancellationToken cancellationToken)
    {
        var sourceArn = await QueueArnAsync(options.DeadLetterQueueUrl, cancellationToken);
        var destinationArn = await QueueArnAsync(options.IngestQueueUrl, cancellationToken);
        string handle;
        try
        {
            handle = (await sqs.StartMessageMoveTaskAsync(new StartMessageMoveTaskRequest
            {
                SourceArn = sourceArn,
                DestinationArn = destinationArn,
            }, cancellationToken)).TaskHandle;
        }
        catch (AmazonServiceException refused) when (IsUnsupported(refused))
        {
            return (null, $"the service refused StartMessageMoveTask ({Describe(refused)})");
        }

        while (true)
        {
            var tasks = await sqs.ListMessageMoveTasksAsync(new ListMessageMoveTasksRequest { SourceArn = sourceArn, MaxResults = 10 }, cancellationToken);
            var task = tasks.Results?.FirstOrDefault(t => t.TaskHandle == handle) ?? tasks.Results?.FirstOrDefault();
            var moved = task?.ApproximateNumberOfMessagesMoved ?? 0;
            progress?.Report(new RedriveProgress(moved, task?.ApproximateNumberOfMessagesToMove ?? moved));
            switch (task?.Status)
            {
                case "COMPLETED":
                    return (moved, null);
                case "FAILED" or "CANCELLED":
                    throw new RedriveFailedException(
                        $"SQS's message-move task stopped as {task.Status} after about {moved} message(s): {task.FailureReason ?? "no reason given"}. " +
                        "Messages it did not move are still in the dead-letter queue; fix the cause and run Redrive again.");
            }

            await Task.Delay(options.PollInterval, cancellationToken);
        }
    }

    private async Task<string> QueueArnAsync(string queueUrl, CancellationToken cancellationToken) =>
        (await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = queueUrl, AttributeNames = ["QueueArn"] }, cancellationToken)).QueueARN;

    /// <summary>
    /// An answer that means "not offered here" rather than "your request is wrong": an unknown or
    /// unsupported action, or a server error (an emulator's crash page has no AWS error code).
    /// Falling back is safe in every case, only slower: the fallback never loses a message.
    /// </summary>
    private static bool IsUnsupported(AmazonServiceException refused) =>
        refused.ErrorCode is "InvalidAction" or "UnsupportedOperation" or "AWS.SimpleQueueService.UnsupportedOperation" or "NotImplemented"
        || refused.StatusCode is HttpStatusCode.NotImplemented or HttpStatusCode.InternalServerError;

    private static string Describe(AmazonServiceException refused) =>
        $"HTTP {(int)refused.StatusCode}" + (string.IsNullOrEmpty(refused.ErrorCode) || refused.ErrorCode.StartsWith('<') ? "" : $" {refused.ErrorCode}");
}
