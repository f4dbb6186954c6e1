using DataPlatform.Contracts;

namespace DataPlatform.Processor.Events;

/// <summary>
/// Checks an accepted event's payload against its type's contract, for one chunk of a batch. Free
/// when no type has a contract; otherwise one reference comparison per event while the type stays
/// the same (the parser interns type names), a lookup when it changes, and the payload's top level
/// read only for contracted types. Not thread-safe: one per chunk, like the parser.
/// </summary>
internal sealed class ContractCheck(ContractSet contracts)
{
    private string? _type;
    private EventContract? _contract;

    /// <summary>Null when the event keeps its contract (or its type has none); otherwise the quarantine reason.</summary>
    public string? Violation(in AcceptedEvent accepted)
    {
        if (contracts.IsEmpty)
        {
            return null;
        }

        if (!ReferenceEquals(accepted.EventType, _type))
        {
            _type = accepted.EventType;
            contracts.TryGet(_type, out _contract);
        }

        if (_contract is null)
        {
            return null;
        }

        var payload = accepted.Payload.IsNull ? default : accepted.Text.Memory(accepted.Payload).Span;
        var violations = PayloadValidator.Validate(_contract, payload);
        return violations.Count == 0 ? null : PayloadValidator.Describe(_contract, violations);
    }
}
