namespace DataPlatform.Processor.Events.Contract;

/// <summary>The top-level body fields the parser recognises (contract, SNS and EventBridge names).</summary>
internal enum EventField
{
    Other,
    EventType,
    OccurredAt,
    EventId,
    Source,
    Payload,
    Type,
    Message,
    DetailType,
    Detail,
    Time,
    Id,
}
