using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DataPlatform.Compaction;

/// <summary>
/// <c>compacted/_watermark/watermark.json</c>: every hour that starts before <see cref="CompactedThrough"/> is
/// compacted. Moved by one PUT per hour, the atomic switch S3 has no rename for.
/// </summary>
public sealed record Watermark(
    [property: JsonPropertyName("compacted_through")] DateTime CompactedThrough,
    [property: JsonPropertyName("updated_at")] DateTime UpdatedAt,
    [property: JsonPropertyName("run_id")] string RunId)
{
    public static Watermark? Parse(Stream json, string where)
    {
        try
        {
            var value = JsonSerializer.Deserialize<Watermark>(json);
            return value is null ? null : value with { CompactedThrough = value.CompactedThrough.ToUniversalTime() };
        }
        catch (JsonException e)
        {
            throw new InvalidDataException(
                $"{where} is not a watermark ({e.Message}). Readers and compaction cannot tell which hours are compacted; " +
                "restore it from the bucket's versions, or delete it to recompact every hour (readers then read raw files until the rerun passes them).", e);
        }
    }

    public MemoryStream ToJson() =>
        new(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $$"""{"compacted_through":"{{CompactedThrough:yyyy-MM-ddTHH:mm:ssZ}}","updated_at":"{{UpdatedAt:yyyy-MM-ddTHH:mm:ss.fffZ}}","run_id":"{{RunId}}"}""") + "\n"));
}
