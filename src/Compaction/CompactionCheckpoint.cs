namespace DataPlatform.Compaction;

/// <summary>A point between two durable steps of an hour: where a crash can happen, and where tests inject one.</summary>
public sealed record CompactionCheckpoint(CompactionStep Step, DateTime Hour, int PartsWritten);
