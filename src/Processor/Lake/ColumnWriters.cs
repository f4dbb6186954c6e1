using System.Buffers;
using System.Runtime.InteropServices;
using ParquetSharp;
using Utf8Text = System.Text.Encoding;

namespace DataPlatform.Processor.Lake;

/// <summary>
/// Writes one row group's columns through the native writer from pooled buffers: text as UTF-8
/// byte ranges of one pinned buffer, a null as a definition level of 0 and no value. One instance
/// per file being written; not thread-safe.
/// </summary>
internal sealed unsafe class ColumnWriters(RowGroupWriter group, int rows) : IDisposable
{
    private static readonly long UnixEpochTicks = DateTime.UnixEpoch.Ticks;
    private readonly ByteArray[] _values = ArrayPool<ByteArray>.Shared.Rent(rows);
    private readonly short[] _levels = ArrayPool<short>.Shared.Rent(rows);
    private readonly long[] _longs = ArrayPool<long>.Shared.Rent(rows);
    private byte[] _bytes = ArrayPool<byte>.Shared.Rent(4096);

    private static long Micros(DateTime utc) => (utc.Ticks - UnixEpochTicks) / 10;

    /// <summary>
    /// UTF-8 text, handed to the native writer where it lies: the values are slices of a few
    /// arenas (one per chunk of the batch), so those are pinned rather than the text copied.
    /// </summary>
    public void Utf8(ReadOnlySpan<ReadOnlyMemory<byte>?> text, bool nullable)
    {
        var pinned = new PinnedArrays();
        try
        {
            var present = 0;
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] is { } value)
                {
                    if (!MemoryMarshal.TryGetArray(value, out var segment))
                    {
                        throw new InvalidOperationException("Text for the lake must live in an array (a text arena).");
                    }

                    _values[present++] = new ByteArray((IntPtr)(pinned.Pin(segment.Array!) + segment.Offset), segment.Count);
                    _levels[i] = 1;
                }
                else
                {
                    _levels[i] = nullable ? (short)0 : throw new InvalidOperationException($"Row {i} has no value for a required text column.");
                }
            }

            WriteText(text.Length, nullable, present);
        }
        finally
        {
            pinned.Release();
        }
    }

    /// <summary>Strings (ids, names), transcoded to UTF-8 on the way into the pinned buffer.</summary>
    public void Strings(ReadOnlySpan<string> text)
    {
        long needed = 0;
        foreach (var value in text)
        {
            needed += Utf8Text.UTF8.GetMaxByteCount(value.Length);
        }

        Reserve(needed);
        fixed (byte* start = _bytes)
        {
            var used = 0;
            for (var i = 0; i < text.Length; i++)
            {
                // Event types are interned and a partition holds one: the same string is
                // transcoded once and its bytes shared.
                if (i > 0 && ReferenceEquals(text[i], text[i - 1]))
                {
                    _values[i] = _values[i - 1];
                    continue;
                }

                var written = Utf8Text.UTF8.GetBytes(text[i], _bytes.AsSpan(used));
                _values[i] = new ByteArray((IntPtr)(start + used), written);
                used += written;
            }

            WriteText(text.Length, nullable: false, text.Length);
        }
    }

    public void Timestamps(ReadOnlySpan<DateTime> utc)
    {
        for (var i = 0; i < utc.Length; i++)
        {
            _longs[i] = Micros(utc[i]);
        }

        using var writer = (ColumnWriter<long>)group.NextColumn();
        writer.WriteBatch(utc.Length, default, default, _longs.AsSpan(0, utc.Length));
    }

    public void NullableTimestamps(ReadOnlySpan<DateTime?> utc)
    {
        var present = 0;
        for (var i = 0; i < utc.Length; i++)
        {
            _levels[i] = utc[i] is null ? (short)0 : (short)1;
            if (utc[i] is { } value)
            {
                _longs[present++] = Micros(value);
            }
        }

        using var writer = (ColumnWriter<long>)group.NextColumn();
        writer.WriteBatch(utc.Length, _levels.AsSpan(0, utc.Length), default, _longs.AsSpan(0, present));
    }

    public void Integers(ReadOnlySpan<int> values)
    {
        using var writer = (ColumnWriter<int>)group.NextColumn();
        writer.WriteBatch(values.Length, default, default, values);
    }

    public void Dispose()
    {
        ArrayPool<ByteArray>.Shared.Return(_values);
        ArrayPool<short>.Shared.Return(_levels);
        ArrayPool<long>.Shared.Return(_longs);
        ArrayPool<byte>.Shared.Return(_bytes);
    }

    private void Reserve(long bytes)
    {
        if (_bytes.Length < bytes)
        {
            ArrayPool<byte>.Shared.Return(_bytes);
            _bytes = ArrayPool<byte>.Shared.Rent(checked((int)bytes));
        }
    }

    // Called while the text is pinned: the writer copies the bytes into its pages before
    // WriteBatch returns, so the text may move again afterwards.
    private void WriteText(int count, bool nullable, int present)
    {
        using var writer = (ColumnWriter<ByteArray>)group.NextColumn();
        writer.WriteBatch(count, nullable ? _levels.AsSpan(0, count) : default, default, _values.AsSpan(0, present));
    }
}
