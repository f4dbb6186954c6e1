namespace DataPlatform.Operations.Tests.Compaction;

/// <summary>One event as a raw file holds it: the columns dedupe and ordering read, and a payload to follow it by.</summary>
public sealed record RawRow(string EventId, string EventType, DateTime OccurredAt, DateTime? SentAt, string MessageId, string Payload = "{}");
