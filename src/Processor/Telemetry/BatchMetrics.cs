namespace DataPlatform.Processor.Telemetry;

/// <summary>What one batch did, in the units the dashboards and alarms use.</summary>
public sealed record BatchMetrics(
    int Messages,
    int EventsAccepted,
    int EventsQuarantined,
    int MessagesFailed,
    long BytesWritten,
    int ObjectsWritten,
    double BatchLatencyMilliseconds);
