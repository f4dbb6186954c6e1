namespace DataPlatform.Compaction;

/// <summary>What a run's late-file pass did: late files consumed (now in an inputs list), the hours they were in, rows added.</summary>
public sealed record LateSummary(int Files, int Hours, long RowsOut);
