namespace DataPlatform.LocalRunner;

/// <summary>The counts a drain ends with, and the exit code they mean.</summary>
public sealed record DrainSummary
{
    /// <summary>Everything received was processed and nothing is left failing.</summary>
    public const int ExitSuccess = 0;

    /// <summary>The runner could not do its job (endpoint unreachable, queue missing, …).</summary>
    public const int ExitError = 1;

    /// <summary>Bad flags or configuration; nothing was received.</summary>
    public const int ExitUsage = 2;

    /// <summary>It ran, but some messages failed and had not succeeded by the end (still queued, or in the DLQ).</summary>
    public const int ExitUnresolvedFailures = 3;

    /// <summary>The timeout passed before the queue was empty.</summary>
    public const int ExitTimedOut = 4;

    public int Batches { get; init; }

    /// <summary>Deliveries received, redeliveries included.</summary>
    public int Received { get; init; }

    /// <summary>Messages whose data is durable (in the lake or in quarantine) and that were deleted.</summary>
    public int Deleted { get; init; }

    public int EventsAccepted { get; init; }

    public int EventsQuarantined { get; init; }

    /// <summary>Deliveries the handler reported failed (left for redelivery).</summary>
    public int FailedDeliveries { get; init; }

    /// <summary>Distinct messages that failed and had not succeeded later by the end.</summary>
    public int Unresolved { get; init; }

    public long BytesWritten { get; init; }

    public bool TimedOut { get; init; }

    public TimeSpan Elapsed { get; init; }

    public int ExitCode => TimedOut ? ExitTimedOut : Unresolved > 0 ? ExitUnresolvedFailures : ExitSuccess;

    public override string ToString() =>
        $"batches={Batches} received={Received} deleted={Deleted} accepted={EventsAccepted} quarantined={EventsQuarantined} " +
        $"failed_deliveries={FailedDeliveries} unresolved={Unresolved} bytes_written={BytesWritten} " +
        $"elapsed_s={Elapsed.TotalSeconds:0.0}{(TimedOut ? " timed_out=true" : "")}";
}
