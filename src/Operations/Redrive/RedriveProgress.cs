namespace DataPlatform.Operations.Redrive;

/// <summary>How far a redrive got: <paramref name="Moved"/> of about <paramref name="Expected"/> (the DLQ's depth when it started).</summary>
public readonly record struct RedriveProgress(long Moved, long Expected);
