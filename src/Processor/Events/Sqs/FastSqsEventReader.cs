using System.Buffers;
using System.Text;
using DataPlatform.Processor.Events.Json;
using static DataPlatform.Processor.Events.Json.JsonBytes;

namespace DataPlatform.Processor.Events.Sqs;

/// <summary>
/// The hot path for reading the SQS event: walks the envelope, jumps through strings with a
/// vectorized search and unescapes each body in the same pass (<see cref="JsonUnescaper"/>).
/// Anything it does not expect (escaped keys, unpaired surrogates, truncation, deep nesting, any
/// syntax error) makes it give up, and <see cref="JsonReaderSqsEventReader"/> reads the event
/// instead, with its exact errors; so it must never accept what that reader refuses. A large
/// Records array is read by two cores (<see cref="SplitRecordReader"/>).
/// </summary>
internal static class FastSqsEventReader
{
    // Depths of the values the reader skips, counted as JsonSkipper counts them (the event is 0).
    private const int EventMemberDepth = 1;
    private const int RecordMemberDepth = 3;
    private const int AttributeDepth = 4;

    public static bool TryRead(ReadOnlyMemory<byte> json, out SqsBatch? batch) => TryRead(json, SplitRecordReader.MinBytes, out batch);

    internal static bool TryRead(ReadOnlyMemory<byte> json, int splitMinBytes, out SqsBatch? batch)
    {
        batch = null;
        var arena = ArrayPool<byte>.Shared.Rent(Math.Max(json.Length, 16));
        var messages = new List<SqsMessage>(ExpectedRecords(json.Length));
        var used = 0;
        var i = 0;
        byte[]? tailArena = null;
        if (TryReadEvent(json, splitMinBytes, ref i, arena, ref used, messages, ref tailArena) && SkipWhitespace(json.Span, i) == json.Length)
        {
            batch = tailArena is null ? new SqsBatch(messages, arena) : new SqsBatch(messages, arena, tailArena);
            return true;
        }

        ArrayPool<byte>.Shared.Return(arena);
        if (tailArena is not null)
        {
            ArrayPool<byte>.Shared.Return(tailArena);
        }

        return false;
    }

    /// <summary>
    /// A Lambda record is rarely under 600 bytes (ids, receipt handle, ARN, attributes), and a batch
    /// holds at most 10,000: sized from that, the list is not regrown and recopied through the
    /// large object heap while a big batch is read.
    /// </summary>
    internal static int ExpectedRecords(int jsonBytes) => Math.Clamp(jsonBytes / 600, 4, 10_000);

    private static bool TryReadEvent(ReadOnlyMemory<byte> memory, int splitMinBytes, ref int i, byte[] arena, ref int used,
        List<SqsMessage> messages, ref byte[]? tailArena)
    {
        var json = memory.Span;
        i = SkipWhitespace(json, i);
        if (At(json, i++) != '{')
        {
            return false;
        }

        var sawRecords = false;
        i = SkipWhitespace(json, i);
        if (At(json, i) == '}')
        {
            i++;
            return false;
        }

        while (true)
        {
            if (!TryReadKey(json, ref i, out var key))
            {
                return false;
            }

            if (key.SequenceEqual("Records"u8))
            {
                sawRecords = true;
                if (tailArena is not null || !SplitRecordReader.TryReadRecords(memory, splitMinBytes, ref i, arena, ref used, messages, out tailArena))
                {
                    return false;
                }
            }
            else if (!TrySkipValue(json, ref i, EventMemberDepth))
            {
                return false;
            }

            if (!TryNextMember(json, ref i, out var closed))
            {
                return false;
            }

            if (closed)
            {
                return sawRecords;
            }
        }
    }

    /// <summary>
    /// Records from <paramref name="i"/> (at a record's opening brace) through the closing bracket;
    /// with <paramref name="stopAt"/> set, stops before a record that starts there.
    /// </summary>
    internal static bool TryReadRecordList(ReadOnlySpan<byte> json, ref int i, byte[] arena, ref int used, List<SqsMessage> messages,
        int stopAt, out bool stopped)
    {
        stopped = false;
        while (true)
        {
            i = SkipWhitespace(json, i);
            if (i == stopAt)
            {
                stopped = true;
                return true;
            }

            if (At(json, i++) != '{' || !TryReadRecord(json, ref i, arena, ref used, out var message))
            {
                return false;
            }

            messages.Add(message);
            i = SkipWhitespace(json, i);
            var separator = At(json, i++);
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

    /// <summary>One record, from after its opening brace to after its closing one.</summary>
    private static bool TryReadRecord(ReadOnlySpan<byte> json, ref int i, byte[] arena, ref int used, out SqsMessage message)
    {
        message = default;
        var fields = new SqsRecordFields();
        i = SkipWhitespace(json, i);
        if (At(json, i) == '}')
        {
            i++;
            return false;
        }

        while (true)
        {
            if (!TryReadKey(json, ref i, out var key))
            {
                return false;
            }

            var ok = SqsRecordFields.Classify(key) switch
            {
                SqsRecordField.MessageId => TryReadMessageId(json, ref i, ref fields),
                SqsRecordField.Body => TryReadBody(json, ref i, arena, ref used, ref fields),
                SqsRecordField.Attributes when At(json, i) == '{' => TryReadAttributes(json, ref i, ref fields),
                _ => TrySkipValue(json, ref i, RecordMemberDepth),
            };

            if (!ok || !TryNextMember(json, ref i, out var closed))
            {
                return false;
            }

            if (closed)
            {
                return fields.TryBuild(out message);
            }
        }
    }

    private static bool TryReadMessageId(ReadOnlySpan<byte> json, ref int i, ref SqsRecordFields fields)
    {
        if (!TryReadPlainString(json, ref i, out var id))
        {
            return false;
        }

        fields.SetMessageId(Encoding.UTF8.GetString(id));
        return true;
    }

    private static bool TryReadBody(ReadOnlySpan<byte> json, ref int i, byte[] arena, ref int used, ref SqsRecordFields fields)
    {
        if (At(json, i) != '"')
        {
            return false;
        }

        var start = used;
        i++;
        if (!JsonUnescaper.TryUnescape(json, ref i, arena, ref used))
        {
            return false;
        }

        fields.SetBody(arena.AsMemory(start, used - start));
        return true;
    }

    private static bool TryReadAttributes(ReadOnlySpan<byte> json, ref int i, ref SqsRecordFields fields)
    {
        i = SkipWhitespace(json, i + 1);
        if (At(json, i) == '}')
        {
            i++;
            return true;
        }

        while (true)
        {
            if (!TryReadKey(json, ref i, out var key))
            {
                return false;
            }

            var valueStart = i;
            var isString = At(json, i) == '"';
            if (isString && SqsRecordFields.IsKnownAttribute(key))
            {
                if (!TryReadPlainString(json, ref i, out var digits))
                {
                    return false;
                }

                fields.SetAttribute(key, digits);
            }
            else if (!TrySkipValue(json, ref i, AttributeDepth))
            {
                return false;
            }
            else if (!isString)
            {
                // SQS sends these as strings; a number is taken too, as the general reader takes it.
                fields.SetAttribute(key, json[valueStart..i]);
            }

            if (!TryNextMember(json, ref i, out var closed))
            {
                return false;
            }

            if (closed)
            {
                return true;
            }
        }
    }

    /// <summary>A member name without escapes, then the colon; leaves <paramref name="i"/> at the value.</summary>
    private static bool TryReadKey(ReadOnlySpan<byte> json, ref int i, out ReadOnlySpan<byte> key)
    {
        if (!TryReadPlainString(json, ref i, out key))
        {
            return false;
        }

        i = SkipWhitespace(json, i);
        if (At(json, i++) != ':')
        {
            return false;
        }

        i = SkipWhitespace(json, i);
        return true;
    }

    /// <summary>A string with no escapes (ids, keys, numbers as text); an escape means the general reader.</summary>
    private static bool TryReadPlainString(ReadOnlySpan<byte> json, ref int i, out ReadOnlySpan<byte> value)
    {
        value = default;
        if (At(json, i) != '"')
        {
            return false;
        }

        var end = JsonStringSearch.NextQuoteBackslashOrControl(json, i + 1);
        if (At(json, end) != '"')
        {
            return false;
        }

        value = json[(i + 1)..end];
        i = end + 1;
        return true;
    }

    private static bool TrySkipValue(ReadOnlySpan<byte> json, ref int i, int depth)
    {
        var end = JsonSkipper.ValueEnd(json, i, depth);
        if (end < 0)
        {
            return false;
        }

        i = end;
        return true;
    }

    /// <summary>After a member's value: a comma and the next member's start, or the closing brace (<paramref name="closed"/>).</summary>
    private static bool TryNextMember(ReadOnlySpan<byte> json, ref int i, out bool closed)
    {
        i = SkipWhitespace(json, i);
        var next = At(json, i++);
        closed = next == '}';
        if (next != ',')
        {
            return closed;
        }

        i = SkipWhitespace(json, i);
        return true;
    }
}
