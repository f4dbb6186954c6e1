namespace DataPlatform.Processor.Events.Sqs;

/// <summary>
/// One record of an SQS event as the processor needs it. <see cref="Body"/> is the body's UTF-8
/// bytes, unescaped from the event JSON into the batch's buffer (no string per body).
/// </summary>
internal readonly record struct SqsMessage(
    string MessageId,
    ReadOnlyMemory<byte> Body,
    int ReceiveCount,
    DateTime? SentAt,
    string? BodyError);
