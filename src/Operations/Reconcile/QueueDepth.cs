namespace DataPlatform.Operations.Reconcile;

/// <summary>Messages a queue holds now (visible, in flight, delayed), read from its attributes: nothing is received.</summary>
public sealed record QueueDepth(long Visible, long InFlight, long Delayed)
{
    public long Total => Visible + InFlight + Delayed;
}
