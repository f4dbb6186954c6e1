namespace DataPlatform.Compaction.Athena;

/// <summary>One raw Parquet file of an hour, as listed (not read): what Athena is told to rewrite.</summary>
public sealed record RawInput(string Key, string EventType, long Size);
