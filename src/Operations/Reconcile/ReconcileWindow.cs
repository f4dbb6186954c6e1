namespace DataPlatform.Operations.Reconcile;

/// <summary>The send-time window [From, To) a reconcile counts; by default the last hour.</summary>
public sealed record ReconcileWindow(DateTimeOffset From, DateTimeOffset To)
{
    public static ReconcileWindow LastHour(DateTimeOffset now) => new(now.AddHours(-1), now);

    /// <summary>
    /// The first lake day that can hold a message sent in the window: partitions are by ingestion time, which is
    /// never before the send, but a batch takes the sent time of its earliest message, so a day of slack.
    /// </summary>
    public DateOnly FirstLakeDay => DateOnly.FromDateTime(From.UtcDateTime.AddDays(-1));
}
