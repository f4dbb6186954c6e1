namespace DataPlatform.Operations.Status;

/// <summary>Hours as Status counts them: UTC, truncated, the lake's own partition clock.</summary>
public static class StatusClock
{
    public static DateTime HourOf(DateTime utc) =>
        new(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, DateTimeKind.Utc);
}
