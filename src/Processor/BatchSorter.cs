using DataPlatform.Processor.Configuration;
using DataPlatform.Processor.Events;
using DataPlatform.Processor.Events.Contract;
using DataPlatform.Processor.Events.Sqs;
using DataPlatform.Processor.Lake;
using DataPlatform.Processor.Quarantine;

namespace DataPlatform.Processor;

/// <summary>
/// Checks every body of a batch against the envelope contract (and its payload against its type's
/// contract, when it has one) and sorts accepted events into partitions,
/// refused ones into quarantine. A large batch is checked in chunks on several cores (checking is
/// a large share of a batch's time on one core: bench/README.md), then merged in batch order, so
/// the result is the same as one pass over the batch.
/// </summary>
internal static class BatchSorter
{
    /// <summary>Below this many messages per chunk, starting a task costs more than it saves.</summary>
    private const int MinChunkMessages = 1_000;

    public static SortedBatch Sort(IReadOnlyList<SqsMessage> messages, ProcessorSettings settings, DateTime ingestedAt, int maxConcurrency) =>
        SortInChunks(messages, settings, ingestedAt,
            Math.Clamp(messages.Count / MinChunkMessages, 1, Math.Max(1, Math.Min(maxConcurrency, Environment.ProcessorCount))));

    internal static SortedBatch SortInChunks(IReadOnlyList<SqsMessage> messages, ProcessorSettings settings, DateTime ingestedAt, int chunkCount)
    {
        var skip = Duplicates(messages);
        var chunks = new Chunk[chunkCount];
        if (chunkCount == 1)
        {
            chunks[0] = SortChunk(messages, 0, messages.Count, skip, settings, ingestedAt);
        }
        else
        {
            Parallel.For(0, chunkCount, new ParallelOptions { MaxDegreeOfParallelism = chunkCount }, c =>
                chunks[c] = SortChunk(messages, (int)((long)messages.Count * c / chunkCount), (int)((long)messages.Count * (c + 1) / chunkCount),
                    skip, settings, ingestedAt));
        }

        var partitions = chunks[0].Partitions;
        var quarantined = chunks[0].Quarantined;
        for (var c = 1; c < chunkCount; c++)
        {
            foreach (var (key, events) in chunks[c].Partitions)
            {
                if (partitions.TryGetValue(key, out var list))
                {
                    list.AddRange(events);
                }
                else
                {
                    partitions.Add(key, events);
                }
            }

            quarantined.AddRange(chunks[c].Quarantined);
        }

        return new SortedBatch(partitions, quarantined, chunks.Select(c => c.Text).ToArray());
    }

    /// <summary>
    /// SQS delivers at least once, so one batch can hold the same message twice: the first copy is
    /// checked and written, a later one shares its fate through the shared id.
    /// </summary>
    private static bool[] Duplicates(IReadOnlyList<SqsMessage> messages)
    {
        var skip = new bool[messages.Count];
        var seen = new HashSet<string>(messages.Count, StringComparer.Ordinal);
        for (var i = 0; i < messages.Count; i++)
        {
            skip[i] = !seen.Add(messages[i].MessageId);
        }

        return skip;
    }

    private static Chunk SortChunk(IReadOnlyList<SqsMessage> messages, int start, int end, bool[] skip, ProcessorSettings settings, DateTime ingestedAt)
    {
        long bodyBytes = 0;
        for (var i = start; i < end; i++)
        {
            bodyBytes += messages[i].Body.Length;
        }

        // Every text column fits in the bodies' length plus the ids that default from SQS.
        var text = new TextArena((int)Math.Min(int.MaxValue / 4, bodyBytes + (end - start) * 40L + 1024));
        var parser = new EventParser(settings.MaxBodyBytes);
        var contracts = new ContractCheck(settings.Contracts);
        var partitions = new Dictionary<PartitionKey, List<AcceptedEvent>>();
        var quarantined = new List<QuarantinedMessage>();
        for (var i = start; i < end; i++)
        {
            if (skip[i])
            {
                continue;
            }

            var mark = text.Mark();
            string? broken = null;
            if (parser.TryParse(messages[i], i, text, out var parsed, out var error)
                && (broken = contracts.Violation(parsed)) is null)
            {
                var time = settings.PartitionTime == PartitionTime.Event ? parsed.OccurredAt : ingestedAt;
                var key = PartitionKey.For(parsed.EventType, time);
                if (!partitions.TryGetValue(key, out var list))
                {
                    list = new List<AcceptedEvent>(Math.Min(end - start, 1024));
                    partitions.Add(key, list);
                }

                list.Add(parsed);
            }
            else
            {
                // A payload that breaks its contract was parsed into the arena first: drop its text.
                text.Rewind(mark);
                quarantined.Add(new QuarantinedMessage(i, broken ?? error));
            }
        }

        return new Chunk(partitions, quarantined, text);
    }

    private readonly record struct Chunk(
        Dictionary<PartitionKey, List<AcceptedEvent>> Partitions,
        List<QuarantinedMessage> Quarantined,
        TextArena Text);
}
