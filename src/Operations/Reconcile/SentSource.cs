namespace DataPlatform.Operations.Reconcile;

/// <summary>Where a reconcile's "sent" comes from, which decides how exact it is.</summary>
public enum SentSource
{
    /// <summary>The send ledger: exact, with message ids.</summary>
    Ledger,

    /// <summary>The queue's CloudWatch NumberOfMessagesSent: a count only, per minute, and approximate.</summary>
    CloudWatch,

    /// <summary>Neither: only what landed can be counted.</summary>
    Unknown,
}
