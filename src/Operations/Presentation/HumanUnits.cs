using System.Globalization;

namespace DataPlatform.Operations.Presentation;

/// <summary>
/// Numbers as an operator reads them at a glance: every target prints through these, so that a size,
/// a count or an age looks the same on every screen and in every report.
/// </summary>
public static class HumanUnits
{
    private static readonly string[] ByteUnits = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];

    /// <summary>1536 → "1.5 KiB"; below 1 KiB the exact count of bytes.</summary>
    public static string Bytes(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        if (bytes < 1024)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{bytes} B");
        }

        var value = (double)bytes;
        var unit = 0;
        while (value >= 1024 && unit < ByteUnits.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        // Three significant digits: 1.50 KiB reads as noise, 1.5 KiB and 150 KiB do not.
        var format = value >= 100 ? "0" : value >= 10 ? "0.0" : "0.##";
        return value.ToString(format, CultureInfo.InvariantCulture) + " " + ByteUnits[unit];
    }

    /// <summary>1234567 → "1,234,567": counts stay exact, because operators compare them.</summary>
    public static string Count(long count) => count.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>An age or a duration in its two largest units: "45 s", "3 min 20 s", "2 h 5 min", "3 d 4 h".</summary>
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            return "-" + Duration(span.Negate());
        }

        if (span < TimeSpan.FromSeconds(1))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMilliseconds} ms");
        }

        if (span < TimeSpan.FromMinutes(1))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalSeconds} s");
        }

        if (span < TimeSpan.FromHours(1))
        {
            return Pair(span.Minutes, "min", span.Seconds, "s");
        }

        return span < TimeSpan.FromDays(1)
            ? Pair(span.Hours, "h", span.Minutes, "min")
            : Pair((int)span.TotalDays, "d", span.Hours, "h");
    }

    private static string Pair(int major, string majorUnit, int minor, string minorUnit) =>
        minor == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{major} {majorUnit}")
            : string.Create(CultureInfo.InvariantCulture, $"{major} {majorUnit} {minor} {minorUnit}");
}
