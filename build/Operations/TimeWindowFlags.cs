using System.Globalization;
using System.Text.RegularExpressions;
using DataPlatform.Build.Host;
using DataPlatform.Operations.Reconcile;

namespace DataPlatform.Build.Operations;

/// <summary>
/// <c>--from</c>/<c>--to</c> as a window: an ISO 8601 time (<c>2026-12-01T13:00Z</c>), a date (midnight UTC), or an
/// age (<c>90m</c>, <c>2h</c>, <c>1d</c>: that long before now), or <c>today</c>/<c>yesterday</c> (midnight UTC). Without them, the last hour.
/// </summary>
public static partial class TimeWindowFlags
{
    public static ReconcileWindow Parse(string? from, string? to, DateTimeOffset now)
    {
        var end = to is null ? now : Time("to", to, now);
        var start = from is null ? end.AddHours(-1) : Time("from", from, now);
        if (start >= end)
        {
            throw new BuildUsageException(
                $"--from ({start:yyyy-MM-dd HH:mm:ss}Z) is not before --to ({end:yyyy-MM-dd HH:mm:ss}Z): the window is empty. Give a --from earlier than --to.");
        }

        return new ReconcileWindow(start, end);
    }

    private static DateTimeOffset Time(string flag, string value, DateTimeOffset now)
    {
        var age = Age().Match(value);
        if (age.Success)
        {
            var amount = int.Parse(age.Groups[1].Value, CultureInfo.InvariantCulture);
            return age.Groups[2].Value switch
            {
                "m" => now.AddMinutes(-amount),
                "h" => now.AddHours(-amount),
                _ => now.AddDays(-amount),
            };
        }

        var midnight = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        switch (value.Trim().ToLowerInvariant())
        {
            case "today":
                return midnight;
            case "yesterday":
                return midnight.AddDays(-1);
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return time;
        }

        throw new BuildUsageException(
            $"--{flag}={value} is not a time: give an ISO 8601 time (2026-12-01T13:00Z), a date (2026-12-01, midnight UTC), " +
            "today, yesterday, or an age (90m, 2h, 1d: that long before now).");
    }

    [GeneratedRegex(@"^(\d{1,5})([mhd])$")]
    private static partial Regex Age();
}
