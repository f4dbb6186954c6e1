namespace DataPlatform.Operations.Status;

/// <summary>Everything the Status screen and status.html show, taken at one moment.</summary>
/// <param name="Alarms">Alarms in the ALARM state; null when CloudWatch could not be read.</param>
public sealed record StatusReport(
    StatusRequest Request,
    QueueState Queue,
    QueueState DeadLetters,
    QuarantineSummary Quarantine,
    LakeSummary Lake,
    IReadOnlyList<FiringAlarm>? Alarms)
{
    /// <summary>The image's digest (sha256:…) from the deployed image URI, or null when none is deployed.</summary>
    public string? ImageDigest => Request.ImageUri is { } uri && uri.IndexOf('@', StringComparison.Ordinal) is var at and >= 0 ? uri[(at + 1)..] : null;

    /// <summary>Events per hour for the chart: landed rows, quarantined bodies, and the DLQ's depth now in the current hour.</summary>
    public IReadOnlyList<HourlyEvents> EventsPerHour => Lake.Hours
        .Select((hour, i) => new HourlyEvents(
            hour.Hour,
            hour.Rows,
            Quarantine.PerHour.GetValueOrDefault(hour.Hour),
            i == Lake.Hours.Count - 1 ? DeadLetters.Visible + DeadLetters.InFlight + DeadLetters.Delayed : 0))
        .ToList();
}
