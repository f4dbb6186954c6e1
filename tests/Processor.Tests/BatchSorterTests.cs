using DataPlatform.Processor.Configuration;
using DataPlatform.Processor.Events.Sqs;
using DataPlatform.Processor.Tests.Support;

namespace DataPlatform.Processor.Tests;

public sealed class BatchSorterTests
{
    private static readonly DateTime IngestedAt = new(2024, 5, 1, 10, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public void Checking_in_chunks_gives_the_same_result_as_one_pass(int chunkCount)
    {
        // Valid and refused bodies everywhere, and duplicates whose first copy is in another chunk.
        var builder = new SqsEventBuilder();
        for (var i = 0; i < 3_000; i++)
        {
            builder.Add(i % 10 == 3 ? SyntheticEvents.Broken(i) : SyntheticEvents.Valid(i), messageId: i % 500 == 499 ? $"msg-{i - 1_800:D5}" : null);
        }

        using var batch = SqsEventReader.Read(builder.ToUtf8());
        var settings = new ProcessorSettings { Bucket = "b", PartitionTime = PartitionTime.Event };

        using var onePass = BatchSorter.SortInChunks(batch.Messages, settings, IngestedAt, 1);
        using var chunked = BatchSorter.SortInChunks(batch.Messages, settings, IngestedAt, chunkCount);

        Assert.Equal(Describe(onePass), Describe(chunked));
        Assert.Equal(onePass.Accepted, chunked.Accepted);
        Assert.Equal(onePass.Quarantined, chunked.Quarantined);
        Assert.True(onePass.Accepted > 2_000, "The batch must hold mostly valid events.");
        Assert.NotEmpty(onePass.Quarantined);
    }

    // Every partition with its events' message index and text, in order: arenas differ, text must not.
    private static List<string> Describe(SortedBatch sorted) =>
        sorted.Partitions.OrderBy(p => p.Key.Path, StringComparer.Ordinal)
            .SelectMany(p => p.Value.Select(e =>
                $"{p.Key.Path}|{e.MessageIndex}|{e.Text.ToString(e.EventId)}|{e.Text.ToString(e.Source)}|{e.Text.ToString(e.Payload)}|{e.Text.ToString(e.Attributes)}|{e.OccurredAt:O}"))
            .ToList();
}
