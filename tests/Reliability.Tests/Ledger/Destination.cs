namespace DataPlatform.Reliability.Tests.Ledger;

/// <summary>Where a sent message must end up for the ledger to balance.</summary>
public enum Destination
{
    Lake,
    Quarantine,
    DeadLetterQueue,
}
