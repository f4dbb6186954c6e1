namespace DataPlatform.Operations.Status;

/// <summary>
/// One queue's counts as SQS reports them (approximate by design), and the age of its oldest message
/// when CloudWatch publishes it (null when nothing does, e.g. on the emulator).
/// </summary>
public sealed record QueueState(string Name, long Visible, long InFlight, long Delayed, TimeSpan? OldestAge);
