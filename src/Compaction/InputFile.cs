using System.Text.Json.Serialization;

namespace DataPlatform.Compaction;

/// <summary>One line of an hour's inputs list: a raw file the hour's parts were made from.</summary>
public sealed record InputFile(
    [property: JsonPropertyName("uri")] string Uri,
    [property: JsonPropertyName("event_type")] string EventType,
    [property: JsonPropertyName("compacted_at")] DateTime CompactedAt);
