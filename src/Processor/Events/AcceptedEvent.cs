namespace DataPlatform.Processor.Events;

/// <summary>
/// An event that passed the contract, ready for the lake. Text fields point into the batch's
/// <see cref="TextArena"/>; <see cref="MessageIndex"/> leads back to the SQS record.
/// </summary>
internal readonly record struct AcceptedEvent(
    int MessageIndex,
    string EventType,
    TextSlice EventId,
    TextSlice Source,
    TextSlice Payload,
    TextSlice Attributes,
    DateTime OccurredAt);
