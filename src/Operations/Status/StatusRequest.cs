namespace DataPlatform.Operations.Status;

/// <summary>Where Status looks (the environment's outputs) and over which window.</summary>
/// <param name="ImageUri">The image the compute stack deployed (REPO@sha256:…), or null when the compute stack has no outputs.</param>
/// <param name="Hours">How many whole hours of the lake to show, the current one included.</param>
/// <param name="Now">The moment the report is taken; ages and windows count back from it.</param>
public sealed record StatusRequest(
    string QueueUrl,
    string DeadLetterQueueUrl,
    string Bucket,
    string Prefix,
    string? ImageUri,
    int Hours,
    DateTimeOffset Now)
{
    /// <summary>Quarantine is always shown for a day: a refused body is worth seeing even when the lake window is short.</summary>
    public static readonly TimeSpan QuarantineWindow = TimeSpan.FromHours(24);

    public const int MaxHours = 24 * 14;

    /// <summary>The start of the oldest hour shown: <see cref="Hours"/> whole hours ending with the current one.</summary>
    public DateTime FirstHour => StatusClock.HourOf(Now.UtcDateTime).AddHours(1 - Hours);
}
