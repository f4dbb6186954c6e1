using System.Buffers;
using System.Buffers.Text;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using System.Text.Unicode;

namespace DataPlatform.Processor.Events;

/// <summary>
/// The hot path for reading the SQS event: a small scanner that jumps through strings with a
/// vectorized search and unescapes each body in the same pass. Utf8JsonReader walks an escaped
/// string byte by byte after its first backslash, and every body is escaped JSON, so the general
/// reader spent as long on the envelope as on encoding Parquet. Anything this scanner does not
/// expect (escaped keys, unpaired surrogates, truncation, deep nesting) makes it give up, and
/// <see cref="SqsEventReader"/> reads the event instead, with its exact errors.
/// A large Records array is read by two cores: see <see cref="TryReadRecords"/>.
/// </summary>
internal static class FastSqsEventReader
{
    private const int MaxDepth = 16;

    /// <summary>Below this many bytes of records, a second reader costs more than it saves.</summary>
    internal const int SplitMinBytes = 1 << 20;

    /// <summary>How far past the middle to look for a record start before reading on one core.</summary>
    private const int SplitSearchBytes = 1 << 20;

    /// <summary>
    /// For each mask of 8 bits, the indices (0-7) of the bytes whose bit is clear, in order: a
    /// shuffle with it packs an 8-byte half without the marked bytes.
    /// </summary>
    private static readonly byte[] PackTable = BuildPackTable();

    public static bool TryRead(ReadOnlyMemory<byte> json, out SqsBatch? batch) => TryRead(json, SplitMinBytes, out batch);

    internal static bool TryRead(ReadOnlyMemory<byte> json, int splitMinBytes, out SqsBatch? batch)
    {
        batch = null;
        var arena = ArrayPool<byte>.Shared.Rent(Math.Max(json.Length, 16));
        var messages = new List<SqsMessage>(ExpectedRecords(json.Length));
        var used = 0;
        byte[]? tailArena = null;
        var ok = false;
        try
        {
            var i = 0;
            ok = TryReadEvent(json, splitMinBytes, ref i, arena, ref used, messages, ref tailArena)
                && SkipWhitespace(json.Span, ref i) && i == json.Length;
        }
        catch (IndexOutOfRangeException)
        {
            // Truncated input runs off the end of the span: not an event this path can vouch for.
            ok = false;
        }
        finally
        {
            if (!ok)
            {
                ArrayPool<byte>.Shared.Return(arena);
                if (tailArena is not null)
                {
                    ArrayPool<byte>.Shared.Return(tailArena);
                }
            }
        }

        if (ok)
        {
            batch = tailArena is null ? new SqsBatch(messages, arena) : new SqsBatch(messages, arena, tailArena);
        }

        return ok;
    }

    /// <summary>
    /// A Lambda record is rarely under 600 bytes (ids, receipt handle, ARN, attributes), and a batch
    /// holds at most 10,000: sized from that, the list is not regrown and recopied through the
    /// large object heap while a big batch is read.
    /// </summary>
    private static int ExpectedRecords(int jsonBytes) => Math.Clamp(jsonBytes / 600, 4, 10_000);

    private static bool TryReadEvent(ReadOnlyMemory<byte> memory, int splitMinBytes, ref int i, byte[] arena, ref int used,
        List<SqsMessage> messages, ref byte[]? tailArena)
    {
        var json = memory.Span;
        SkipWhitespace(json, ref i);
        if (json[i++] != '{')
        {
            return false;
        }

        var sawRecords = false;
        while (true)
        {
            SkipWhitespace(json, ref i);
            if (json[i] == '}')
            {
                i++;
                return sawRecords;
            }

            if (!TryReadKey(json, ref i, out var key))
            {
                return false;
            }

            if (key.SequenceEqual("Records"u8))
            {
                sawRecords = true;
                if (tailArena is not null || !TryReadRecords(memory, splitMinBytes, ref i, arena, ref used, messages, out tailArena))
                {
                    return false;
                }
            }
            else if (!TrySkipValue(json, ref i, 0))
            {
                return false;
            }

            if (!TryNextMember(json, ref i, (byte)'}'))
            {
                return false;
            }
        }
    }

    /// <summary>
    /// Reads the Records array. When it is large, a second core starts reading at what looks like a
    /// record start near the middle, into its own buffer, while this thread reads from the front.
    /// The front reader is the judge: the tail's records are taken only if the front arrives at a
    /// record start exactly where the tail began, which proves both read the same records. A wrong
    /// guess costs the tail's work and nothing else.
    /// </summary>
    private static bool TryReadRecords(ReadOnlyMemory<byte> memory, int splitMinBytes, ref int i, byte[] arena, ref int used,
        List<SqsMessage> messages, out byte[]? tailArena)
    {
        tailArena = null;
        var json = memory.Span;
        if (json[i++] != '[')
        {
            return false;
        }

        SkipWhitespace(json, ref i);
        if (json[i] == ']')
        {
            i++;
            return true;
        }

        if (json.Length - i < splitMinBytes || Environment.ProcessorCount < 2
            || !TryFindRecordStart(json, i + (json.Length - i) / 2, out var split))
        {
            return TryReadRecordList(json, ref i, arena, ref used, messages, stopAt: -1, out _);
        }

        var tailBuffer = ArrayPool<byte>.Shared.Rent(json.Length - split);
        var tailMessages = new List<SqsMessage>(ExpectedRecords(json.Length - split));
        var tail = Task.Run(() =>
        {
            var j = split;
            var tailUsed = 0;
            try
            {
                return (Ok: TryReadRecordList(memory.Span, ref j, tailBuffer, ref tailUsed, tailMessages, stopAt: -1, out _), End: j);
            }
            catch (IndexOutOfRangeException)
            {
                return (Ok: false, End: j);
            }
        });

        bool frontOk;
        var metTail = false;
        try
        {
            frontOk = TryReadRecordList(json, ref i, arena, ref used, messages, stopAt: split, out metTail);
        }
        catch (IndexOutOfRangeException)
        {
            frontOk = false;
        }
        finally
        {
            // The tail writes only its own buffer, but that buffer must not go back to the pool
            // while it is still being written.
            tail.Wait();
        }

        var (tailOk, tailEnd) = tail.Result;
        if (frontOk && metTail && tailOk)
        {
            messages.AddRange(tailMessages);
            i = tailEnd;
            tailArena = tailBuffer;
            return true;
        }

        ArrayPool<byte>.Shared.Return(tailBuffer);
        if (!frontOk || !metTail)
        {
            return frontOk;
        }

        // The front reached the tail's start, so the tail's failure is the event's: read it again
        // here for the general reader's fallback to decide.
        return TryReadRecordList(json, ref i, arena, ref used, messages, stopAt: -1, out _);
    }

    /// <summary>
    /// Records from <paramref name="i"/> (at a record's opening brace) through the closing bracket;
    /// with <paramref name="stopAt"/> set, stops before a record that starts there.
    /// </summary>
    private static bool TryReadRecordList(ReadOnlySpan<byte> json, ref int i, byte[] arena, ref int used, List<SqsMessage> messages,
        int stopAt, out bool stopped)
    {
        stopped = false;
        while (true)
        {
            SkipWhitespace(json, ref i);
            if (i == stopAt)
            {
                stopped = true;
                return true;
            }

            if (json[i++] != '{' || !TryReadRecord(json, ref i, arena, ref used, out var message))
            {
                return false;
            }

            messages.Add(message);
            SkipWhitespace(json, ref i);
            var separator = json[i++];
            if (separator == ']')
            {
                return true;
            }

            if (separator != ',')
            {
                return false;
            }
        }
    }

    /// <summary>
    /// The first <c>{</c> at or after <paramref name="from"/> that is preceded by <c>},</c> and
    /// followed by a quote, whitespace aside: in a record array, the start of a record. Only a guess
    /// (a string can contain the same bytes); the front reader confirms it.
    /// </summary>
    private static bool TryFindRecordStart(ReadOnlySpan<byte> json, int from, out int start)
    {
        var limit = Math.Min(json.Length, from + SplitSearchBytes);
        for (var k = from; k < limit; k++)
        {
            var next = json[k..limit].IndexOf((byte)'{');
            if (next < 0)
            {
                break;
            }

            k += next;
            var before = k - 1;
            while (before > 0 && IsWhitespace(json[before]))
            {
                before--;
            }

            if (before <= 0 || json[before] != ',')
            {
                continue;
            }

            before--;
            while (before > 0 && IsWhitespace(json[before]))
            {
                before--;
            }

            var after = k + 1;
            while (after < limit && IsWhitespace(json[after]))
            {
                after++;
            }

            if (json[before] == '}' && after < limit && json[after] == '"')
            {
                start = k;
                return true;
            }
        }

        start = -1;
        return false;
    }

    private static bool TryReadRecord(ReadOnlySpan<byte> json, ref int i, byte[] arena, ref int used, out SqsMessage message)
    {
        message = default;
        string? messageId = null;
        var body = ReadOnlyMemory<byte>.Empty;
        string? bodyError = null;
        var receiveCount = 1;
        DateTime? sentAt = null;
        while (true)
        {
            SkipWhitespace(json, ref i);
            if (json[i] == '}')
            {
                i++;
                break;
            }

            if (!TryReadKey(json, ref i, out var key))
            {
                return false;
            }

            if (key.SequenceEqual("messageId"u8))
            {
                if (json[i] != '"' || !TryReadPlainString(json, ref i, out var id))
                {
                    return false;
                }

                messageId = Encoding.UTF8.GetString(id);
            }
            else if (key.SequenceEqual("body"u8))
            {
                if (json[i] != '"')
                {
                    return false;
                }

                var start = used;
                i++;
                if (!TryUnescape(json, ref i, arena, ref used))
                {
                    return false;
                }

                body = arena.AsMemory(start, used - start);
                bodyError = Utf8.IsValid(body.Span) ? null : "the body is not valid UTF-8 text";
            }
            else if (key.SequenceEqual("attributes"u8) && json[i] == '{')
            {
                if (!TryReadAttributes(json, ref i, ref receiveCount, ref sentAt))
                {
                    return false;
                }
            }
            else if (!TrySkipValue(json, ref i, 1))
            {
                return false;
            }

            if (!TryNextMember(json, ref i, (byte)'}'))
            {
                return false;
            }
        }

        if (string.IsNullOrEmpty(messageId))
        {
            return false;
        }

        message = new SqsMessage(messageId, body, receiveCount, sentAt, bodyError);
        return true;
    }

    private static bool TryReadAttributes(ReadOnlySpan<byte> json, ref int i, ref int receiveCount, ref DateTime? sentAt)
    {
        i++;
        while (true)
        {
            SkipWhitespace(json, ref i);
            if (json[i] == '}')
            {
                i++;
                return true;
            }

            if (!TryReadKey(json, ref i, out var key))
            {
                return false;
            }

            var isCount = key.SequenceEqual("ApproximateReceiveCount"u8);
            var isSent = key.SequenceEqual("SentTimestamp"u8);
            if ((isCount || isSent) && json[i] == '"')
            {
                if (!TryReadPlainString(json, ref i, out var text))
                {
                    return false;
                }

                if (Utf8Parser.TryParse(text, out long number, out var consumed) && consumed == text.Length && number > 0)
                {
                    if (isCount && number <= int.MaxValue)
                    {
                        receiveCount = (int)number;
                    }
                    else if (isSent)
                    {
                        sentAt = DateTime.UnixEpoch.AddMilliseconds(number);
                    }
                }
            }
            else if (!TrySkipValue(json, ref i, 2))
            {
                return false;
            }

            if (!TryNextMember(json, ref i, (byte)'}'))
            {
                return false;
            }
        }
    }

    /// <summary>A member name without escapes, then the colon; leaves <paramref name="i"/> at the value.</summary>
    private static bool TryReadKey(ReadOnlySpan<byte> json, ref int i, out ReadOnlySpan<byte> key)
    {
        key = default;
        if (json[i] != '"' || !TryReadPlainString(json, ref i, out key))
        {
            return false;
        }

        SkipWhitespace(json, ref i);
        if (json[i++] != ':')
        {
            return false;
        }

        SkipWhitespace(json, ref i);
        return true;
    }

    /// <summary>A string with no escapes (ids, keys, numbers as text); an escape means the slow path.</summary>
    private static bool TryReadPlainString(ReadOnlySpan<byte> json, ref int i, out ReadOnlySpan<byte> value)
    {
        value = default;
        var end = JsonStringSearch.NextQuoteOrBackslash(json, i + 1);
        if (end >= json.Length || json[end] == '\\')
        {
            return false;
        }

        value = json[(i + 1)..end];
        i = end + 1;
        return true;
    }

    private static bool TryUnescape(ReadOnlySpan<byte> json, ref int i, byte[] arena, ref int used)
    {
        while (true)
        {
            CopyQuoteEscapedBlocks(json, ref i, arena, ref used);
            if (!TryCopyPlainRun(json, ref i, arena, ref used))
            {
                return false;
            }

            if (json[i] == '"')
            {
                i++;
                return true;
            }

            var escape = json[i + 1];
            i += 2;
            byte plain = escape switch
            {
                (byte)'"' => (byte)'"',
                (byte)'\\' => (byte)'\\',
                (byte)'/' => (byte)'/',
                (byte)'b' => (byte)'\b',
                (byte)'f' => (byte)'\f',
                (byte)'n' => (byte)'\n',
                (byte)'r' => (byte)'\r',
                (byte)'t' => (byte)'\t',
                _ => 0,
            };

            if (plain != 0)
            {
                arena[used++] = plain;
                continue;
            }

            if (escape != 'u' || !TryHex(json, i, out var unit))
            {
                return false;
            }

            i += 4;
            int codePoint = unit;
            if (char.IsHighSurrogate((char)unit))
            {
                if (json[i] != '\\' || json[i + 1] != 'u' || !TryHex(json, i + 2, out var low) || !char.IsLowSurrogate((char)low))
                {
                    return false;
                }

                i += 6;
                codePoint = char.ConvertToUtf32((char)unit, (char)low);
            }
            else if (char.IsLowSurrogate((char)unit))
            {
                return false;
            }

            used += new Rune(codePoint).EncodeToUtf8(arena.AsSpan(used));
        }
    }

    /// <summary>
    /// Unescapes 16 bytes at a time while every backslash in a block escapes a quote, as in a body's
    /// JSON (<c>{\"event_type\":\"...</c>: one every nine bytes or so). Such a block is the block
    /// without its backslashes, so each 8-byte half is packed with one table lookup and one byte
    /// shuffle, instead of a search and a copy per escape. Stops at the first block that holds
    /// anything else (the closing quote, another escape): the general loop takes it from there.
    /// A backslash in a block's last byte takes the quote after it along.
    /// The stores are 16 bytes wide and may write past the packed bytes; as in
    /// <see cref="TryCopyPlainRun"/>, those lie beyond <paramref name="used"/> and inside the buffer.
    /// </summary>
    private static void CopyQuoteEscapedBlocks(ReadOnlySpan<byte> json, ref int i, byte[] arena, ref int used)
    {
        if (!Vector128.IsHardwareAccelerated)
        {
            return;
        }

        ref var source = ref MemoryMarshal.GetReference(json);
        ref var target = ref MemoryMarshal.GetArrayDataReference(arena);
        ref var packs = ref MemoryMarshal.GetArrayDataReference(PackTable);
        var quote = Vector128.Create((byte)'"');
        var backslash = Vector128.Create((byte)'\\');
        var upperHalf = Vector128.Create((byte)8);
        while (i + Vector128<byte>.Count <= json.Length && used + Vector128<byte>.Count <= arena.Length)
        {
            var block = Vector128.LoadUnsafe(ref source, (nuint)i);
            var backslashes = Vector128.Equals(block, backslash).ExtractMostSignificantBits();
            var quotes = Vector128.Equals(block, quote).ExtractMostSignificantBits();
            var escaped = backslashes << 1;

            // A backslash in the last byte escapes the byte after the block; a quote there is
            // taken along, so a block boundary inside an escape does not end the fast path.
            var carried = 0;
            if ((backslashes & 0x8000) != 0)
            {
                if (i + Vector128<byte>.Count >= json.Length || json[i + Vector128<byte>.Count] != '"')
                {
                    return;
                }

                carried = 1;
            }

            // Every backslash followed by a quote, and no quote without one.
            if ((escaped & 0xFFFF) != quotes)
            {
                return;
            }

            if (backslashes == 0)
            {
                block.StoreUnsafe(ref target, (nuint)used);
                i += Vector128<byte>.Count;
                used += Vector128<byte>.Count;
                continue;
            }

            var low = backslashes & 0xFF;
            var high = backslashes >> 8;
            var lowPack = Vector128.LoadUnsafe(ref packs, (nuint)(low * Vector128<byte>.Count));
            var highPack = Vector128.LoadUnsafe(ref packs, (nuint)(high * Vector128<byte>.Count)) + upperHalf;
            Vector128.ShuffleNative(block, lowPack).StoreUnsafe(ref target, (nuint)used);
            used += 8 - BitOperations.PopCount(low);
            Vector128.ShuffleNative(block, highPack).StoreUnsafe(ref target, (nuint)used);
            used += 8 - BitOperations.PopCount(high);
            if (carried != 0)
            {
                arena[used++] = (byte)'"';
            }

            i += Vector128<byte>.Count + carried;
        }
    }

    private static byte[] BuildPackTable()
    {
        var table = new byte[256 * 16];
        for (var mask = 0; mask < 256; mask++)
        {
            var kept = 0;
            for (var bit = 0; bit < 8; bit++)
            {
                if ((mask & (1 << bit)) == 0)
                {
                    table[mask * 16 + kept++] = (byte)bit;
                }
            }
        }

        return table;
    }

    /// <summary>
    /// Copies bytes up to the next quote or backslash. A body is escaped JSON with a quote every
    /// few bytes, so runs are short: 32 bytes are copied blind and searched in registers, rather
    /// than a search call and a copy call per run. The blind copy may write past the run; those
    /// bytes lie beyond <paramref name="used"/> and are overwritten or ignored, and the buffer has
    /// room because unescaping never writes ahead of reading (<paramref name="used"/> ≤ offset).
    /// </summary>
    private static bool TryCopyPlainRun(ReadOnlySpan<byte> json, ref int i, byte[] arena, ref int used)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            var quote = Vector256.Create((byte)'"');
            var backslash = Vector256.Create((byte)'\\');
            ref var source = ref MemoryMarshal.GetReference(json);
            ref var target = ref MemoryMarshal.GetArrayDataReference(arena);
            while (i + Vector256<byte>.Count <= json.Length && used + Vector256<byte>.Count <= arena.Length)
            {
                var block = Vector256.LoadUnsafe(ref source, (nuint)i);
                block.StoreUnsafe(ref target, (nuint)used);
                var special = (Vector256.Equals(block, quote) | Vector256.Equals(block, backslash)).ExtractMostSignificantBits();
                if (special != 0)
                {
                    var run = BitOperations.TrailingZeroCount(special);
                    i += run;
                    used += run;
                    return true;
                }

                i += Vector256<byte>.Count;
                used += Vector256<byte>.Count;
            }
        }

        var rest = json[i..];
        var stop = rest.IndexOfAny((byte)'"', (byte)'\\');
        if (stop < 0)
        {
            return false;
        }

        rest[..stop].CopyTo(arena.AsSpan(used));
        used += stop;
        i += stop;
        return true;
    }

    private static bool TryHex(ReadOnlySpan<byte> json, int start, out int value)
    {
        value = 0;
        for (var k = start; k < start + 4; k++)
        {
            var digit = HexDigit(json[k]);
            if (digit < 0)
            {
                return false;
            }

            value = (value << 4) | digit;
        }

        return true;
    }

    private static int HexDigit(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    private static bool TrySkipValue(ReadOnlySpan<byte> json, ref int i, int depth)
    {
        if (depth > MaxDepth)
        {
            return false;
        }

        switch (json[i])
        {
            case (byte)'"':
                return TrySkipString(json, ref i);
            case (byte)'{':
            case (byte)'[':
                var close = json[i] == '{' ? (byte)'}' : (byte)']';
                var isObject = close == '}';
                i++;
                SkipWhitespace(json, ref i);
                if (json[i] == close)
                {
                    i++;
                    return true;
                }

                while (true)
                {
                    SkipWhitespace(json, ref i);
                    if (isObject)
                    {
                        if (json[i] != '"' || !TrySkipString(json, ref i))
                        {
                            return false;
                        }

                        SkipWhitespace(json, ref i);
                        if (json[i++] != ':')
                        {
                            return false;
                        }

                        SkipWhitespace(json, ref i);
                    }

                    if (!TrySkipValue(json, ref i, depth + 1) || !TryNextMember(json, ref i, close, out var closed))
                    {
                        return false;
                    }

                    if (closed)
                    {
                        return true;
                    }
                }

            default:
                // Numbers and literals: the characters they can be made of.
                var start = i;
                while (json[i] is (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'+' or (byte)'.' or (>= (byte)'a' and <= (byte)'z') or (byte)'E')
                {
                    i++;
                }

                return i > start;
        }
    }

    private static bool TrySkipString(ReadOnlySpan<byte> json, ref int i)
    {
        i++;
        while (true)
        {
            i = JsonStringSearch.NextQuoteOrBackslash(json, i);
            if (i >= json.Length)
            {
                return false;
            }

            if (json[i] == '"')
            {
                i++;
                return true;
            }

            i += 2;
        }
    }

    private static bool TryNextMember(ReadOnlySpan<byte> json, ref int i, byte close) =>
        TryNextMember(json, ref i, close, out var closed) && (!closed || Back(ref i));

    /// <summary>After a value: a comma (more to come) or the closing bracket (done).</summary>
    private static bool TryNextMember(ReadOnlySpan<byte> json, ref int i, byte close, out bool closed)
    {
        SkipWhitespace(json, ref i);
        var next = json[i++];
        closed = next == close;
        return closed || next == ',';
    }

    // The member loops read the closing bracket themselves, so it is handed back to them.
    private static bool Back(ref int i)
    {
        i--;
        return true;
    }

    private static bool SkipWhitespace(ReadOnlySpan<byte> json, ref int i)
    {
        while (i < json.Length && IsWhitespace(json[i]))
        {
            i++;
        }

        return true;
    }

    private static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r';
}
