namespace DataPlatform.Operations.Status;

/// <summary>
/// One hour of the chart. SQS cannot say when a message reached the DLQ without receiving it, so the
/// DLQ's whole depth is drawn in the current hour.
/// </summary>
public sealed record HourlyEvents(DateTime Hour, long Landed, long Quarantined, long DeadLettered);
