namespace DataPlatform.Contracts;

/// <summary>
/// The contract of one event type's payload, read from <c>contracts/&lt;event_type&gt;.json</c>:
/// its top-level properties in file order (the order of the typed columns). Members the contract
/// does not name are allowed and kept (additionalProperties is always true).
/// </summary>
public sealed class EventContract
{
    public EventContract(string eventType, string file, IReadOnlyList<ContractProperty> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        EventType = eventType;
        File = file;
        Properties = properties;
    }

    public string EventType { get; }

    /// <summary>Where it was read from, as the errors name it (<c>contracts/order.created.json</c>).</summary>
    public string File { get; }

    public IReadOnlyList<ContractProperty> Properties { get; }

    public ContractProperty? Find(string name) => Properties.FirstOrDefault(p => p.Name == name);
}
