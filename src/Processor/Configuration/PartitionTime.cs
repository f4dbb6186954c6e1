namespace DataPlatform.Processor.Configuration;

/// <summary>Which clock decides an event's <c>dt</c>/<c>hour</c> partition.</summary>
public enum PartitionTime
{
    /// <summary>
    /// When the queue accepted the batch (its earliest SQS sent time): one partition per event type
    /// per batch, so files per batch stay bounded, as with Firehose.
    /// </summary>
    Ingestion,

    /// <summary>The event's own <c>occurred_at</c>: late events land in the hour they happened.</summary>
    Event,
}
