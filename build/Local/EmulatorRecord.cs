namespace DataPlatform.Build.Local;

/// <summary>What the build remembers of the emulator it started, so the next run can reuse it.</summary>
public sealed record EmulatorRecord(string Endpoint, int ProcessId, DateTimeOffset StartedAt);
