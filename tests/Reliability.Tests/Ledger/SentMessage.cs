namespace DataPlatform.Reliability.Tests.Ledger;

/// <summary>One message the test put on the queue: the id the ledger looks for, and where it should end.</summary>
public sealed record SentMessage(string EventId, string MessageId, string Body, Destination Expected);
