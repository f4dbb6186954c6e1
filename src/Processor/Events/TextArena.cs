using System.Buffers;
using System.Text;

namespace DataPlatform.Processor.Events;

/// <summary>
/// One growable UTF-16 buffer for the string columns of a batch (or of one chunk of it): the
/// columns point into it instead of holding 50,000 separate strings for a 10,000-event batch.
/// </summary>
internal sealed class TextArena(int initialCapacity) : IDisposable
{
    private char[] _buffer = ArrayPool<char>.Shared.Rent(Math.Max(initialCapacity, 256));
    private int _length;

    public int Length => _length;

    public TextSlice AppendUtf8(ReadOnlySpan<byte> utf8)
    {
        EnsureSpace(utf8.Length);
        var written = Encoding.UTF8.GetChars(utf8, _buffer.AsSpan(_length));
        var slice = new TextSlice(_length, written);
        _length += written;
        return slice;
    }

    public TextSlice Append(ReadOnlySpan<char> text)
    {
        EnsureSpace(text.Length);
        text.CopyTo(_buffer.AsSpan(_length));
        var slice = new TextSlice(_length, text.Length);
        _length += text.Length;
        return slice;
    }

    /// <summary>Starts a slice that is built from several appends; finish it with <see cref="EndSince"/>.</summary>
    public int Mark() => _length;

    public TextSlice EndSince(int mark) => new(mark, _length - mark);

    /// <summary>Drops everything appended after <paramref name="mark"/> (an event that turned out invalid).</summary>
    public void Rewind(int mark) => _length = mark;

    public ReadOnlyMemory<char> Memory(TextSlice slice) => _buffer.AsMemory(slice.Start, slice.Length);

    // The cast matters: a bare null would convert through char[] to an empty, non-null memory.
    public ReadOnlyMemory<char>? NullableMemory(TextSlice slice) => slice.IsNull ? (ReadOnlyMemory<char>?)null : _buffer.AsMemory(slice.Start, slice.Length);

    public string ToString(TextSlice slice) => slice.IsNull ? "" : new string(_buffer, slice.Start, slice.Length);

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private void EnsureSpace(int utf8OrCharCount)
    {
        // UTF-8 never decodes to more UTF-16 code units than it has bytes.
        var needed = _length + utf8OrCharCount;
        if (needed <= _buffer.Length)
        {
            return;
        }

        var grown = ArrayPool<char>.Shared.Rent(Math.Max(needed, _buffer.Length * 2));
        _buffer.AsSpan(0, _length).CopyTo(grown);
        ArrayPool<char>.Shared.Return(_buffer);
        _buffer = grown;
    }
}
