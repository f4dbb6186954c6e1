namespace DataPlatform.Operations.Replay;

/// <summary>A quarantined record that would not go through today, with today's reason (which may differ from the one it was quarantined for).</summary>
public sealed record RefusedRecord(QuarantinedRecord Record, string TodaysError);
