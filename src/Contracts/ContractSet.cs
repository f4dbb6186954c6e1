using System.Diagnostics.CodeAnalysis;

namespace DataPlatform.Contracts;

/// <summary>The contracts of a deployment, by event type. Types without one are not checked.</summary>
public sealed class ContractSet
{
    private readonly Dictionary<string, EventContract> _byType;

    public ContractSet(IEnumerable<EventContract> contracts)
    {
        ArgumentNullException.ThrowIfNull(contracts);
        _byType = contracts.ToDictionary(c => c.EventType, StringComparer.Ordinal);
    }

    public static ContractSet Empty { get; } = new([]);

    public int Count => _byType.Count;

    public bool IsEmpty => _byType.Count == 0;

    public IEnumerable<EventContract> All => _byType.Values.OrderBy(c => c.EventType, StringComparer.Ordinal);

    public bool TryGet(string eventType, [MaybeNullWhen(false)] out EventContract contract) => _byType.TryGetValue(eventType, out contract);
}
