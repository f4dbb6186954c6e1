namespace DataPlatform.Processor.Events;

/// <summary>
/// An event that passed the contract, ready for the lake. Text fields point into the batch's
/// <see cref="Text"/>, the arena of the chunk of the batch that checked it (large batches are
/// checked in chunks on several cores); <see cref="MessageIndex"/> leads back to the SQS record.
/// </summary>
internal readonly record struct AcceptedEvent(
    TextArena Text,
    int MessageIndex,
    string EventType,
    TextSlice EventId,
    TextSlice Source,
    TextSlice Payload,
    TextSlice Attributes,
    DateTime OccurredAt);
