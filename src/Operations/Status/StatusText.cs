using System.Globalization;
using DataPlatform.Operations.Presentation;

namespace DataPlatform.Operations.Status;

/// <summary>The words the Status screen and status.html share, so both say the same thing the same way.</summary>
public static class StatusText
{
    public const string NoAgeMetric = "not published (CloudWatch's ApproximateAgeOfOldestMessage; the emulator has none)";

    public static string OldestAge(QueueState queue) =>
        queue.OldestAge is { } age ? HumanUnits.Duration(age)
        : queue.Visible + queue.InFlight + queue.Delayed == 0 ? "- (empty)"
        : NoAgeMetric;

    public static string Freshness(StatusReport report) =>
        report.Lake.FreshnessLag(report.Request.Now) is { } lag
            ? $"{HumanUnits.Duration(lag)} (newest ingested_at {report.Lake.NewestIngestedAt:yyyy-MM-dd HH:mm:ss} UTC)"
            : $"nothing landed in the last {report.Request.Hours} h";

    public static string Image(StatusReport report) =>
        report.Request.ImageUri ?? "none deployed (the compute stack has no outputs)";

    public static string Hour(DateTime hour) => hour.ToString("yyyy-MM-dd HH:00", CultureInfo.InvariantCulture);

    public static string Alarms(StatusReport report) =>
        report.Alarms is null ? "unknown: CloudWatch could not be read"
        : report.Alarms.Count == 0 ? "none firing"
        : $"{report.Alarms.Count} firing";

    public static string Taken(StatusRequest request) =>
        request.Now.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
