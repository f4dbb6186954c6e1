namespace DataPlatform.Reliability.Tests.Ledger;

/// <summary>One row read back from a lake or quarantine object: enough to match it to a sent message.</summary>
public sealed record LakeRow(string Key, string? EventId, string MessageId, string? Error);
