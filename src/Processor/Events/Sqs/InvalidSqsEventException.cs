namespace DataPlatform.Processor.Events.Sqs;

/// <summary>
/// The invocation payload is not an SQS event at all, so no message can be named in a partial
/// failure: the invocation fails as a whole and the event source mapping retries the batch.
/// </summary>
public sealed class InvalidSqsEventException(string message, Exception? inner = null) : Exception(message, inner);
