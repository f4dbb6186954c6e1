namespace DataPlatform.Operations.Redrive;

/// <summary>Where a redrive takes messages from and puts them, and how the receive → send → delete fallback holds them.</summary>
public sealed record RedriveOptions
{
    public required string DeadLetterQueueUrl { get; init; }

    public required string IngestQueueUrl { get; init; }

    /// <summary>
    /// How long a received message stays hidden in the DLQ while it is sent on; if the run stops
    /// before deleting it, it shows up in the DLQ again after this long and the next run moves it
    /// (a duplicate in the ingest queue at worst).
    /// </summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How often a running message-move task is asked how far it got.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);
}
