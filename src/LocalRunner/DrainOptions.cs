namespace DataPlatform.LocalRunner;

/// <summary>How the runner plays the event source mapping. Defaults match a fresh mapping.</summary>
public sealed record DrainOptions
{
    public const int MaxBatchSize = 10_000;

    /// <summary>The mapping's own ceiling for maximum concurrency.</summary>
    public const int MaxConcurrency = 1_000;

    public required string QueueUrl { get; init; }

    /// <summary>Messages per invocation, 1 to 10,000 (the mapping's BatchSize).</summary>
    public int BatchSize { get; init; } = 10;

    /// <summary>
    /// How long to keep gathering a batch that is not full (the mapping's
    /// MaximumBatchingWindowInSeconds). Zero gathers until the queue has nothing more to give.
    /// </summary>
    public TimeSpan BatchingWindow { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// Most invocations in flight at once (the mapping's maximum concurrency), 1 to
    /// <see cref="MaxConcurrency"/>. One by default: batches are processed in order, one at a time.
    /// </summary>
    public int Concurrency { get; init; } = 1;

    /// <summary>Stop once the queue has no visible and no in-flight messages, instead of polling forever.</summary>
    public bool UntilEmpty { get; init; }

    /// <summary>Stop after this many messages were received (null: no limit).</summary>
    public int? MaxMessages { get; init; }

    /// <summary>Long-poll wait per receive while the queue looks empty (at most 20 s, SQS's limit).</summary>
    public TimeSpan WaitTime { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// When set, failed messages are made visible again after this long instead of after the
    /// queue's visibility timeout; zero redelivers them at once (fast local retries).
    /// </summary>
    public TimeSpan? FailedVisibilityTimeout { get; init; }

    /// <summary>Give up after this long (null: no limit); what was processed stays processed.</summary>
    public TimeSpan? Timeout { get; init; }

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(QueueUrl))
        {
            throw new ArgumentException("The queue URL is empty; pass --queue-url (the queue stack's queue_url output).");
        }

        if (BatchSize is < 1 or > MaxBatchSize)
        {
            throw new ArgumentException($"The batch size is {BatchSize}, but an SQS event source mapping takes 1 to {MaxBatchSize} messages.");
        }

        if (BatchingWindow < TimeSpan.Zero || BatchingWindow > TimeSpan.FromMinutes(5))
        {
            throw new ArgumentException($"The batching window is {BatchingWindow.TotalSeconds} s, but it must be 0 to 300 s.");
        }

        if (Concurrency is < 1 or > MaxConcurrency)
        {
            throw new ArgumentException($"The concurrency is {Concurrency}, but an SQS event source mapping runs 1 to {MaxConcurrency} invocations at once.");
        }

        if (MaxMessages is < 1)
        {
            throw new ArgumentException($"--max-messages is {MaxMessages}, but it must be at least 1 (or left out for no limit).");
        }

        if (WaitTime < TimeSpan.Zero || WaitTime > TimeSpan.FromSeconds(20))
        {
            throw new ArgumentException($"The wait time is {WaitTime.TotalSeconds} s, but SQS long polling allows 0 to 20 s.");
        }

        if (FailedVisibilityTimeout is { } visibility && (visibility < TimeSpan.Zero || visibility > TimeSpan.FromHours(12)))
        {
            throw new ArgumentException($"The failed-message visibility timeout is {visibility.TotalSeconds} s, but SQS allows 0 to 43,200 s.");
        }
    }
}
