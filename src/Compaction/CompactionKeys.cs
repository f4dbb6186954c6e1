using System.Globalization;
using System.Text.RegularExpressions;

namespace DataPlatform.Compaction;

/// <summary>The keys compaction reads and writes under the lake prefix (lake layout: docs/compaction.md).</summary>
public sealed partial class CompactionKeys(string prefix)
{
    public string Prefix { get; } = prefix;

    public string RawRoot => Prefix + "events/";

    public string CompactedRoot => Prefix + "compacted/events/";

    public string InputsRoot => Prefix + "compacted/_inputs/";

    public string Watermark => Prefix + "compacted/_watermark/watermark.json";

    /// <summary>How far raw deletion has gone: hours before it have had their listed raw files deleted.</summary>
    public string RawDeletedMark => Prefix + "compacted/_watermark/raw_deleted.json";

    public static string HourPath(DateTime hour) =>
        string.Create(CultureInfo.InvariantCulture, $"dt={hour:yyyy-MM-dd}/hour={hour:HH}/");

    public string RawHour(string eventType, DateTime hour) => $"{RawRoot}event_type={eventType}/{HourPath(hour)}";

    public string CompactedHour(string eventType, DateTime hour) => $"{CompactedRoot}event_type={eventType}/{HourPath(hour)}";

    /// <summary>Deterministic, so a rerun of an hour overwrites its parts instead of adding to them.</summary>
    public string Part(string eventType, DateTime hour, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{CompactedHour(eventType, hour)}part-{index:00000}.parquet");

    public string Inputs(DateTime hour) => $"{InputsRoot}{HourPath(hour)}inputs.json";

    /// <summary>A part of late files added to an hour below the watermark; named by its inputs, so a rerun rewrites it.</summary>
    public string LatePart(string eventType, DateTime hour, string inputsHash) => $"{CompactedHour(eventType, hour)}{LatePartPrefix}{inputsHash}.parquet";

    /// <summary>The inputs list of the late files that <see cref="LatePart"/> with the same hash was made from.</summary>
    public string LateInputs(DateTime hour, string inputsHash) => $"{InputsRoot}{HourPath(hour)}inputs-late-{inputsHash}.json";

    public const string LatePartPrefix = "part-late-";

    /// <summary>Late parts hold rows no other part of their hour has: a rewrite of the hour's regular parts keeps them.</summary>
    public static bool IsLatePart(string key) => key[(key.LastIndexOf('/') + 1)..].StartsWith(LatePartPrefix, StringComparison.Ordinal);

    /// <summary>An hour's lists of late files (<c>inputs-late-*.json</c>), beside its regular <c>inputs.json</c>.</summary>
    public static bool IsLateInputs(string key) => key[(key.LastIndexOf('/') + 1)..].StartsWith("inputs-late-", StringComparison.Ordinal);

    public string InputsHour(DateTime hour) => $"{InputsRoot}{HourPath(hour)}";

    /// <summary>The event type named by a listing's common prefix <c>…/event_type=&lt;t&gt;/</c>.</summary>
    public static string? EventTypeOf(string commonPrefix)
    {
        var match = EventTypeSegment().Match(commonPrefix);
        return match.Success ? match.Groups[1].Value : null;
    }

    /// <summary>The hour a key's <c>dt=…/hour=…/</c> segments name, or null when the key has none.</summary>
    public static DateTime? HourOf(string key)
    {
        var match = HourSegment().Match(key);
        if (!match.Success)
        {
            return null;
        }

        return DateTime.TryParseExact(match.Groups[1].Value + " " + match.Groups[2].Value, "yyyy-MM-dd HH", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var hour) ? hour : null;
    }

    public static DateTime HourStart(DateTime utc) => new(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, DateTimeKind.Utc);

    [GeneratedRegex(@"event_type=([^/]+)/$", RegexOptions.CultureInvariant)]
    private static partial Regex EventTypeSegment();

    [GeneratedRegex(@"/dt=(\d{4}-\d{2}-\d{2})/hour=(\d{2})/", RegexOptions.CultureInvariant)]
    private static partial Regex HourSegment();
}
