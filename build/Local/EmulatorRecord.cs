namespace DataPlatform.Build.Local;

/// <summary>What the build remembers of the emulator it started, so the next run can reuse it.</summary>
/// <param name="IamEnforced">Whether it checks requests against IAM; a record written before enforcement existed reads as false.</param>
public sealed record EmulatorRecord(string Endpoint, int ProcessId, DateTimeOffset StartedAt, bool IamEnforced = false);
