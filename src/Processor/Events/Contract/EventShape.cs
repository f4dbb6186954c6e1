namespace DataPlatform.Processor.Events.Contract;

/// <summary>
/// Which body fields hold the contract's five values: the contract's own names, or an EventBridge
/// event's, which is unwrapped to the same contract.
/// </summary>
internal readonly record struct EventShape(EventField Type, EventField Time, EventField Id, EventField Source, EventField Payload)
{
    public static EventShape Contract { get; } =
        new(EventField.EventType, EventField.OccurredAt, EventField.EventId, EventField.Source, EventField.Payload);

    public static EventShape EventBridge { get; } =
        new(EventField.DetailType, EventField.Time, EventField.Id, EventField.Source, EventField.Detail);

    /// <summary>Whether the field is one of the five (the rest of a body goes to attributes).</summary>
    public bool Holds(EventField field) => field == Type || field == Time || field == Id || field == Source || field == Payload;
}
