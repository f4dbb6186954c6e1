namespace DataPlatform.Operations.Status;

/// <summary>The events table over the report's window: per hour, and the newest <c>ingested_at</c> that landed.</summary>
public sealed record LakeSummary(IReadOnlyList<LakeHour> Hours, DateTime? NewestIngestedAt)
{
    public long Objects => Hours.Sum(h => h.Objects);

    public long Bytes => Hours.Sum(h => h.Bytes);

    public long Rows => Hours.Sum(h => h.Rows);

    /// <summary>How far the newest landed event trails <paramref name="now"/>; null when nothing landed in the window.</summary>
    public TimeSpan? FreshnessLag(DateTimeOffset now) => NewestIngestedAt is { } newest ? now.UtcDateTime - newest : null;
}
