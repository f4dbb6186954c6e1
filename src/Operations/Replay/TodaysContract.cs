using DataPlatform.Processor.Configuration;
using DataPlatform.Processor.Events;
using DataPlatform.Processor.Events.Contract;
using DataPlatform.Processor.Events.Sqs;

namespace DataPlatform.Operations.Replay;

/// <summary>
/// The processor's own contract (its <see cref="EventParser"/>, with the deployed settings' body
/// limit, and the event type's contract when it has one), asked about one body at a time: what the running function would say to it today.
/// </summary>
internal sealed class TodaysContract(ProcessorSettings settings)
{
    private readonly EventParser _parser = new(settings.MaxBodyBytes);
    private readonly ContractCheck _contracts = new(settings.Contracts);

    /// <summary>Null when the body would be accepted; otherwise the reason it would be quarantined again.</summary>
    public string? Refusal(QuarantinedRecord record)
    {
        using var arena = new TextArena(record.Body.Length + 256);
        var message = new SqsMessage(record.MessageId, record.Body, ReceiveCount: 1, SentAt: null, BodyError: null);
        return _parser.TryParse(message, 0, arena, out var accepted, out var error) ? _contracts.Violation(accepted) : error;
    }
}
