namespace DataPlatform.Processor.Telemetry;

/// <summary>One named value on a structured log line.</summary>
public readonly record struct LogField(string Name, object? Value);
