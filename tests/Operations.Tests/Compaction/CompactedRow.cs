namespace DataPlatform.Operations.Tests.Compaction;

/// <summary>A row of a compacted part as DuckDB (an independent reader) reads it back.</summary>
public sealed record CompactedRow(string Key, string EventId, string EventType, DateTime OccurredAt, string MessageId, string? Payload);
