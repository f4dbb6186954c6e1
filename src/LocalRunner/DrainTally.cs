namespace DataPlatform.LocalRunner;

/// <summary>Running counts of one drain, turned into a <see cref="DrainSummary"/> at the end.</summary>
internal sealed class DrainTally
{
    public int Batches { get; set; }

    public int Received { get; set; }

    public int Deleted { get; set; }

    public int Accepted { get; set; }

    public int Quarantined { get; set; }

    public int FailedDeliveries { get; set; }

    public long BytesWritten { get; set; }
}
