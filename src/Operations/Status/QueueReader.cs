using Amazon.SQS;

namespace DataPlatform.Operations.Status;

/// <summary>A queue's depth from its attributes: reading attributes receives nothing, so no receive count moves.</summary>
public sealed class QueueReader(IAmazonSQS sqs, IQueueMonitoring monitoring)
{
    public async Task<QueueState> ReadAsync(string queueUrl, CancellationToken cancellationToken)
    {
        var attributes = await sqs.GetQueueAttributesAsync(queueUrl,
            ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed"],
            cancellationToken);
        var name = QueueName(queueUrl);
        var age = await monitoring.OldestMessageAgeAsync(name, cancellationToken);
        return new QueueState(
            name,
            attributes.ApproximateNumberOfMessages,
            attributes.ApproximateNumberOfMessagesNotVisible,
            attributes.ApproximateNumberOfMessagesDelayed,
            age);
    }

    /// <summary>The queue's name, the last segment of its URL: CloudWatch's QueueName dimension.</summary>
    public static string QueueName(string queueUrl) => queueUrl.TrimEnd('/')[(queueUrl.TrimEnd('/').LastIndexOf('/') + 1)..];
}
