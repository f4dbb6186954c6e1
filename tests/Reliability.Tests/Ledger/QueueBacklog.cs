using Amazon.SQS;

namespace DataPlatform.Reliability.Tests.Ledger;

/// <summary>
/// Holds producers back while more than a limit of messages wait on the queue. Real SQS does not
/// care how deep a queue is; moto walks every message on every call, so a load that outruns the
/// runner would measure moto's list walks instead of the pipeline.
/// </summary>
public sealed class QueueBacklog(IAmazonSQS sqs, string queueUrl, int limit) : IDisposable
{
    private readonly SemaphoreSlim _checking = new(1, 1);

    public int Limit => limit;

    /// <summary>Returns once fewer than <see cref="Limit"/> messages are waiting; one caller asks the queue at a time.</summary>
    public async Task WaitBelowLimitAsync()
    {
        await _checking.WaitAsync();
        try
        {
            while ((await sqs.GetQueueAttributesAsync(queueUrl, ["ApproximateNumberOfMessages"])).ApproximateNumberOfMessages >= limit)
            {
                await Task.Delay(100);
            }
        }
        finally
        {
            _checking.Release();
        }
    }

    public void Dispose() => _checking.Dispose();
}
