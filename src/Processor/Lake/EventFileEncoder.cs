using System.Buffers;
using System.Runtime.InteropServices;
using DataPlatform.Processor.Configuration;
using DataPlatform.Processor.Events;
using DataPlatform.Processor.Events.Sqs;
using ParquetSharp;
using ParquetSharp.Schema;

namespace DataPlatform.Processor.Lake;

/// <summary>
/// Encodes one partition's events as one Parquet file (one row group) in memory with Apache
/// Arrow's C++ writer (through ParquetSharp): compression is most of encoding, and its native Zstd
/// is much faster than a managed one (figures: bench/README.md).
/// Column buffers are pooled and text columns point into the events' arenas, so encoding
/// allocates little beyond the output. Partitions are encoded concurrently with one encoder.
/// </summary>
internal sealed class EventFileEncoder : IDisposable
{
    private readonly WriterProperties _properties;
    private readonly GroupNode _schema;

    public EventFileEncoder(ProcessorSettings settings)
    {
        _properties = ParquetWriterSettings.Create(settings, EventTable.DictionaryColumns, EventTable.NoStatisticsColumns);
        _schema = EventTable.NativeSchema();
    }

    public MemoryStream Encode(List<AcceptedEvent> partition, IReadOnlyList<SqsMessage> messages, DateTime ingestedAt)
    {
        // A span over the list: each column reads every event, and through the list interface
        // every read would be a call and a copy of the whole event.
        ReadOnlySpan<AcceptedEvent> events = CollectionsMarshal.AsSpan(partition);
        var count = events.Length;
        var text = ArrayPool<ReadOnlyMemory<byte>?>.Shared.Rent(count);
        var strings = ArrayPool<string>.Shared.Rent(count);
        var times = ArrayPool<DateTime>.Shared.Rent(count);
        var nullableTimes = ArrayPool<DateTime?>.Shared.Rent(count);
        var integers = ArrayPool<int>.Shared.Rent(count);
        long textBytes = 0;
        foreach (ref readonly var e in events)
        {
            textBytes += Math.Max(0, e.Payload.Length) + Math.Max(0, e.Attributes.Length);
        }

        // Compressed JSON text is typically a quarter of its size or less; start near that, so
        // the output does not grow through a chain of large copies.
        var output = new MemoryStream((int)Math.Min(int.MaxValue / 2, 4096 + textBytes / 3 + count * 16L));
        try
        {
            using (var file = new ParquetFileWriter(output, _schema, _properties, keyValueMetadata: null, leaveOpen: true))
            {
                using var group = file.AppendRowGroup();
                using var columns = new ColumnWriters(group, count);
                var rows = text.AsSpan(0, count);
                var names = strings.AsSpan(0, count);

                for (var i = 0; i < count; i++) rows[i] = events[i].Text.Memory(events[i].EventId);
                columns.Utf8(rows, nullable: false);

                for (var i = 0; i < count; i++) names[i] = events[i].EventType;
                columns.Strings(names);

                for (var i = 0; i < count; i++) rows[i] = events[i].Text.NullableMemory(events[i].Source);
                columns.Utf8(rows, nullable: true);

                for (var i = 0; i < count; i++) times[i] = events[i].OccurredAt;
                columns.Timestamps(times.AsSpan(0, count));

                times.AsSpan(0, count).Fill(ingestedAt);
                columns.Timestamps(times.AsSpan(0, count));

                for (var i = 0; i < count; i++) rows[i] = events[i].Text.NullableMemory(events[i].Payload);
                columns.Utf8(rows, nullable: true);

                for (var i = 0; i < count; i++) rows[i] = events[i].Text.NullableMemory(events[i].Attributes);
                columns.Utf8(rows, nullable: true);

                for (var i = 0; i < count; i++) names[i] = messages[events[i].MessageIndex].MessageId;
                columns.Strings(names);

                for (var i = 0; i < count; i++) nullableTimes[i] = messages[events[i].MessageIndex].SentAt;
                columns.NullableTimestamps(nullableTimes.AsSpan(0, count));

                for (var i = 0; i < count; i++) integers[i] = messages[events[i].MessageIndex].ReceiveCount;
                columns.Integers(integers.AsSpan(0, count));

                file.Close();
            }

            output.Position = 0;
            return output;
        }
        catch
        {
            output.Dispose();
            throw;
        }
        finally
        {
            // Cleared so the pool does not keep the arenas or message ids reachable.
            ArrayPool<ReadOnlyMemory<byte>?>.Shared.Return(text, clearArray: true);
            ArrayPool<string>.Shared.Return(strings, clearArray: true);
            ArrayPool<DateTime>.Shared.Return(times);
            ArrayPool<DateTime?>.Shared.Return(nullableTimes);
            ArrayPool<int>.Shared.Return(integers);
        }
    }

    public void Dispose()
    {
        _properties.Dispose();
        _schema.Dispose();
    }
}
