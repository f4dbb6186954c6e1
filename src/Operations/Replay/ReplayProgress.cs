namespace DataPlatform.Operations.Replay;

/// <summary><paramref name="Sent"/> of <paramref name="Total"/> bodies are on the ingest queue and recorded as replayed.</summary>
public readonly record struct ReplayProgress(int Sent, int Total);
