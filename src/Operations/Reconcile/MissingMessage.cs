namespace DataPlatform.Operations.Reconcile;

/// <summary>A ledgered message found neither in the lake nor in quarantine.</summary>
public sealed record MissingMessage(string MessageId, string EventId, DateTimeOffset SentAt);
