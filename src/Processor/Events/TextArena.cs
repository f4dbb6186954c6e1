using System.Buffers;
using System.Text;

namespace DataPlatform.Processor.Events;

/// <summary>
/// One growable UTF-8 buffer for the text columns of a batch (or of one chunk of it): the
/// columns point into it instead of holding 50,000 separate strings for a 10,000-event batch.
/// UTF-8 because bodies arrive as UTF-8 and Parquet stores UTF-8: text is copied, never transcoded.
/// </summary>
internal sealed class TextArena(int initialCapacity) : IDisposable
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 256));
    private int _length;

    public int Length => _length;

    public TextSlice AppendUtf8(ReadOnlySpan<byte> utf8)
    {
        EnsureSpace(utf8.Length);
        utf8.CopyTo(_buffer.AsSpan(_length));
        var slice = new TextSlice(_length, utf8.Length);
        _length += utf8.Length;
        return slice;
    }

    public void AppendByte(byte value)
    {
        EnsureSpace(1);
        _buffer[_length++] = value;
    }

    public TextSlice Append(ReadOnlySpan<char> text)
    {
        EnsureSpace(Encoding.UTF8.GetMaxByteCount(text.Length));
        var written = Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_length));
        var slice = new TextSlice(_length, written);
        _length += written;
        return slice;
    }

    /// <summary>Starts a slice that is built from several appends; finish it with <see cref="EndSince"/>.</summary>
    public int Mark() => _length;

    public TextSlice EndSince(int mark) => new(mark, _length - mark);

    /// <summary>Drops everything appended after <paramref name="mark"/> (an event that turned out invalid).</summary>
    public void Rewind(int mark) => _length = mark;

    public ReadOnlyMemory<byte> Memory(TextSlice slice) => _buffer.AsMemory(slice.Start, slice.Length);

    // The cast matters: a bare null would convert through byte[] to an empty, non-null memory.
    public ReadOnlyMemory<byte>? NullableMemory(TextSlice slice) => slice.IsNull ? (ReadOnlyMemory<byte>?)null : _buffer.AsMemory(slice.Start, slice.Length);

    public string ToString(TextSlice slice) => slice.IsNull ? "" : Encoding.UTF8.GetString(_buffer, slice.Start, slice.Length);

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void EnsureSpace(int bytes)
    {
        var needed = _length + bytes;
        if (needed <= _buffer.Length)
        {
            return;
        }

        var grown = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _buffer.Length * 2));
        _buffer.AsSpan(0, _length).CopyTo(grown);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = grown;
    }
}
