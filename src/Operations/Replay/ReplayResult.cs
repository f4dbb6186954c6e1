namespace DataPlatform.Operations.Replay;

/// <summary>What a replay sent: the count, and each original message id with the id of the copy now on the ingest queue.</summary>
public sealed record ReplayResult(int Sent, IReadOnlyDictionary<string, string> ReplayedAs, TimeSpan Elapsed);
