namespace DataPlatform.Operations.Status;

/// <summary>A CloudWatch alarm in the ALARM state: its name, why (CloudWatch's reason) and since when.</summary>
public sealed record FiringAlarm(string Name, string Reason, DateTimeOffset? Since);
