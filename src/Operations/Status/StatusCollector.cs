using Amazon.S3;
using Amazon.SQS;

namespace DataPlatform.Operations.Status;

/// <summary>Takes a <see cref="StatusReport"/>: queues, quarantine, lake and alarms, read without changing anything.</summary>
public sealed class StatusCollector(IAmazonSQS sqs, IAmazonS3 s3, IQueueMonitoring monitoring)
{
    public async Task<StatusReport> CollectAsync(StatusRequest request, CancellationToken cancellationToken = default)
    {
        if (request.Hours is < 1 or > StatusRequest.MaxHours)
        {
            throw new ArgumentOutOfRangeException(nameof(request), $"Status shows 1 to {StatusRequest.MaxHours} hours; {request.Hours} was asked.");
        }

        var queues = new QueueReader(sqs, monitoring);
        var queue = queues.ReadAsync(request.QueueUrl, cancellationToken);
        var deadLetters = queues.ReadAsync(request.DeadLetterQueueUrl, cancellationToken);
        var quarantine = new QuarantineReader(s3).ReadAsync(request, cancellationToken);
        var lake = new LakeReader(s3).ReadAsync(request, cancellationToken);
        var alarms = monitoring.FiringAlarmsAsync(cancellationToken);
        return new StatusReport(request, await queue, await deadLetters, await quarantine, await lake, await alarms);
    }
}
