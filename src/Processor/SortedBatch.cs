using DataPlatform.Processor.Events;
using DataPlatform.Processor.Lake;
using DataPlatform.Processor.Quarantine;

namespace DataPlatform.Processor;

/// <summary>
/// A checked batch: accepted events by partition and refused messages, both in batch order. Owns
/// the text arenas the events point into until the batch is written.
/// </summary>
internal sealed class SortedBatch(
    Dictionary<PartitionKey, List<AcceptedEvent>> partitions,
    List<QuarantinedMessage> quarantined,
    IReadOnlyList<TextArena> arenas) : IDisposable
{
    public Dictionary<PartitionKey, List<AcceptedEvent>> Partitions { get; } = partitions;

    public List<QuarantinedMessage> Quarantined { get; } = quarantined;

    public int Accepted => Partitions.Values.Sum(events => events.Count);

    public void Dispose()
    {
        foreach (var arena in arenas)
        {
            arena.Dispose();
        }
    }
}
