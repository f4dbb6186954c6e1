namespace DataPlatform.Operations.Status;

/// <summary>
/// What only CloudWatch knows (AWSSDK.CloudWatch is not served; the build answers through the AWS CLI):
/// SQS keeps the age of a queue's oldest message to itself, and reading a message to learn it would
/// change its receive count, so the age comes from the ApproximateAgeOfOldestMessage metric.
/// </summary>
public interface IQueueMonitoring
{
    /// <summary>The latest ApproximateAgeOfOldestMessage of the queue, or null when no datapoint exists.</summary>
    Task<TimeSpan?> OldestMessageAgeAsync(string queueName, CancellationToken cancellationToken);

    /// <summary>Alarms in the ALARM state, or null when the alarms cannot be read.</summary>
    Task<IReadOnlyList<FiringAlarm>?> FiringAlarmsAsync(CancellationToken cancellationToken);
}
