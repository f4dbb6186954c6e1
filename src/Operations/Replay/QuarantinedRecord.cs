namespace DataPlatform.Operations.Replay;

/// <summary>
/// One row of the quarantine table as Replay needs it: the original SQS message id (the record's
/// identity), the body's exact bytes, why it was refused, and where it was found.
/// </summary>
public sealed record QuarantinedRecord(string MessageId, ReadOnlyMemory<byte> Body, string Error, DateTime QuarantinedAt, DateOnly Day, string ObjectKey);
