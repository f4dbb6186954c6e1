namespace DataPlatform.Processor.Configuration;

/// <summary>Log severities, ordered so that a threshold comparison is a plain integer compare.</summary>
public enum LogLevel
{
    Trace,
    Debug,
    Information,
    Warning,
    Error,
    Critical,
    None,
}
