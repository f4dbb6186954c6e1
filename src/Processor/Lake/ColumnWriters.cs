using System.Buffers;
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
    private byte[] _utf8 = ArrayPool<byte>.Shared.Rent(4096);

    public static long Micros(DateTime utc) => (utc.Ticks - UnixEpochTicks) / 10;

    public void Text(ReadOnlySpan<ReadOnlyMemory<char>?> text, bool nullable)
    {
        long needed = 0;
        foreach (var value in text)
        {
            needed += value is { } v ? Utf8Text.UTF8.GetMaxByteCount(v.Length) : 0;
        }

        if (_utf8.Length < needed)
        {
            ArrayPool<byte>.Shared.Return(_utf8);
            _utf8 = ArrayPool<byte>.Shared.Rent(checked((int)needed));
        }

        fixed (byte* start = _utf8)
        {
            var used = 0;
            var present = 0;
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] is { } value)
                {
                    var written = Utf8Text.UTF8.GetBytes(value.Span, _utf8.AsSpan(used));
                    _values[present++] = new ByteArray((IntPtr)(start + used), written);
                    used += written;
                    _levels[i] = 1;
                }
                else if (nullable)
                {
                    _levels[i] = 0;
                }
                else
                {
                    throw new InvalidOperationException($"Row {i} has no value for a required text column.");
                }
            }

            // The writer copies the bytes into its pages before WriteBatch returns, so the buffer
            // is free for the next column once this call is done.
            using var writer = (ColumnWriter<ByteArray>)group.NextColumn();
            writer.WriteBatch(text.Length, nullable ? _levels.AsSpan(0, text.Length) : default, default, _values.AsSpan(0, present));
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
        ArrayPool<byte>.Shared.Return(_utf8);
    }
}
