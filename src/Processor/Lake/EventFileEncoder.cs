using System.Buffers;
using DataPlatform.Processor.Events;
using Parquet;

namespace DataPlatform.Processor.Lake;

/// <summary>
/// Encodes one partition's events as one Parquet file (one row group) in memory. Column buffers
/// are rented and string columns point into the text arenas the events were checked into, so
/// encoding a 10,000-event batch allocates little beyond the compressed output.
/// </summary>
internal sealed class EventFileEncoder(ParquetOptions options)
{
    public async Task<MemoryStream> EncodeAsync(
        IReadOnlyList<AcceptedEvent> events,
        IReadOnlyList<SqsMessage> messages,
        DateTime ingestedAt,
        CancellationToken cancellationToken)
    {
        var count = events.Count;
        var strings = ArrayPool<ReadOnlyMemory<char>>.Shared.Rent(count);
        var nullableStrings = ArrayPool<ReadOnlyMemory<char>?>.Shared.Rent(count);
        var times = ArrayPool<DateTime>.Shared.Rent(count);
        var nullableTimes = ArrayPool<DateTime?>.Shared.Rent(count);
        var integers = ArrayPool<int>.Shared.Rent(count);
        long textChars = 0;
        foreach (var e in events)
        {
            textChars += Math.Max(0, e.Payload.Length) + Math.Max(0, e.Attributes.Length);
        }

        // Compressed JSON text is typically a quarter of its size or less; start near that.
        var output = new MemoryStream((int)Math.Min(int.MaxValue / 2, 4096 + textChars / 3 + count * 16L));
        try
        {
            await using (var writer = await ParquetWriter.CreateAsync(EventTable.Schema, output, options, cancellationToken: cancellationToken)
                             .ConfigureAwait(false))
            {
                using var group = writer.CreateRowGroup();

                for (var i = 0; i < count; i++) strings[i] = events[i].Text.Memory(events[i].EventId);
                await group.WriteAsync<ReadOnlyMemory<char>>(EventTable.EventId, strings.AsMemory(0, count), cancellationToken: cancellationToken).ConfigureAwait(false);

                for (var i = 0; i < count; i++) strings[i] = events[i].EventType.AsMemory();
                await group.WriteAsync<ReadOnlyMemory<char>>(EventTable.EventType, strings.AsMemory(0, count), cancellationToken: cancellationToken).ConfigureAwait(false);

                for (var i = 0; i < count; i++) nullableStrings[i] = events[i].Text.NullableMemory(events[i].Source);
                await group.WriteAsync(EventTable.Source, (ReadOnlyMemory<ReadOnlyMemory<char>?>)nullableStrings.AsMemory(0, count), cancellationToken: cancellationToken).ConfigureAwait(false);

                for (var i = 0; i < count; i++) times[i] = events[i].OccurredAt;
                await group.WriteAsync<DateTime>(EventTable.OccurredAt, times.AsMemory(0, count), cancellationToken: cancellationToken).ConfigureAwait(false);

                times.AsSpan(0, count).Fill(ingestedAt);
                await group.WriteAsync<DateTime>(EventTable.IngestedAt, times.AsMemory(0, count), cancellationToken: cancellationToken).ConfigureAwait(false);

                for (var i = 0; i < count; i++) nullableStrings[i] = events[i].Text.NullableMemory(events[i].Payload);
                await group.WriteAsync(EventTable.Payload, (ReadOnlyMemory<ReadOnlyMemory<char>?>)nullableStrings.AsMemory(0, count), cancellationToken: cancellationToken).ConfigureAwait(false);

                for (var i = 0; i < count; i++) nullableStrings[i] = events[i].Text.NullableMemory(events[i].Attributes);
                await group.WriteAsync(EventTable.Attributes, (ReadOnlyMemory<ReadOnlyMemory<char>?>)nullableStrings.AsMemory(0, count), cancellationToken: cancellationToken).ConfigureAwait(false);

                for (var i = 0; i < count; i++) strings[i] = messages[events[i].MessageIndex].MessageId.AsMemory();
                await group.WriteAsync<ReadOnlyMemory<char>>(EventTable.SqsMessageId, strings.AsMemory(0, count), cancellationToken: cancellationToken).ConfigureAwait(false);

                for (var i = 0; i < count; i++) nullableTimes[i] = messages[events[i].MessageIndex].SentAt;
                await group.WriteAsync(EventTable.SqsSentAt, (ReadOnlyMemory<DateTime?>)nullableTimes.AsMemory(0, count), cancellationToken: cancellationToken).ConfigureAwait(false);

                for (var i = 0; i < count; i++) integers[i] = messages[events[i].MessageIndex].ReceiveCount;
                await group.WriteAsync<int>(EventTable.SqsReceiveCount, integers.AsMemory(0, count), cancellationToken: cancellationToken).ConfigureAwait(false);

                group.CompleteValidate();
            }

            output.Position = 0;
            return output;
        }
        catch
        {
            await output.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            // Cleared so the pool does not keep the arena or message ids reachable.
            ArrayPool<ReadOnlyMemory<char>>.Shared.Return(strings, clearArray: true);
            ArrayPool<ReadOnlyMemory<char>?>.Shared.Return(nullableStrings, clearArray: true);
            ArrayPool<DateTime>.Shared.Return(times);
            ArrayPool<DateTime?>.Shared.Return(nullableTimes);
            ArrayPool<int>.Shared.Return(integers);
        }
    }
}
