namespace DataPlatform.Operations.Redrive;

/// <summary>What a redrive did: how many messages reached the ingest queue, how, and why the fallback was used if it was.</summary>
public sealed record RedriveResult(RedriveMethod Method, long Moved, TimeSpan Elapsed, string? FallbackReason);
