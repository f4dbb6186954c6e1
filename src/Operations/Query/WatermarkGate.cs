using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace DataPlatform.Operations.Query;

/// <summary>
/// The compaction's watermark as the query read it, deciding which compacted objects to fetch: only those of hours
/// that start before <c>compacted_through</c>. Parts and inputs lists of later hours may be half written (a run in
/// progress or a crash) and are never read, so they cannot show an event twice.
/// </summary>
public sealed partial class WatermarkGate(DateTime? compactedThrough)
{
    /// <summary>The watermark object's name in its folder.</summary>
    public const string FileName = "watermark.json";

    /// <summary>The exclusive end of the compacted hours (UTC), or null when nothing has been compacted.</summary>
    public DateTime? CompactedThrough { get; } = compactedThrough;

    /// <summary>Whether a key of the watermark's folder is the watermark itself.</summary>
    public static bool IsWatermark(string key) => key.EndsWith("/" + FileName, StringComparison.Ordinal) || key == FileName;

    /// <summary>Reads the cached watermark object under <paramref name="folder"/> (absent = nothing compacted).</summary>
    public static WatermarkGate Read(string folder)
    {
        var file = Path.Combine(folder, FileName);
        if (!File.Exists(file))
        {
            return new WatermarkGate(null);
        }

        DateTime? through = null;
        foreach (var line in File.ReadLines(file).Where(l => !string.IsNullOrWhiteSpace(l)))
        {
            var value = ParseLine(file, line);
            through = through is null || value > through ? value : through;
        }

        return new WatermarkGate(through);
    }

    /// <summary>Whether an object of the compacted tree belongs to an hour the watermark has passed.</summary>
    public bool Admits(string key)
    {
        if (CompactedThrough is not { } through)
        {
            return false;
        }

        var match = HourSegments().Match(key);
        if (!match.Success)
        {
            return false;
        }

        var hourStart = DateTime.ParseExact(match.Groups[1].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal)
            .AddHours(int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
        return hourStart < through;
    }

    private static DateTime ParseLine(string file, string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var text = document.RootElement.GetProperty("compacted_through").GetString();
            return DateTime.Parse(text!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or FormatException or ArgumentNullException or InvalidOperationException)
        {
            throw new QueryFailedException(
                $"The compaction watermark {file} is not a JSON line with an ISO 8601 \"compacted_through\" ({e.Message}), so Query cannot tell " +
                "compacted hours from raw ones. Rerun the compaction (--target=Compact), which rewrites it, then query again.", e);
        }
    }

    [GeneratedRegex(@"/dt=(\d{4}-\d{2}-\d{2})/hour=(\d{1,2})/")]
    private static partial Regex HourSegments();
}
