using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Json;

namespace DataPlatform.Processor.Events;

/// <summary>
/// The hot path for checking a body: a validating JSON scanner that finds the top-level members in
/// one pass, with strings searched 32 bytes at a time. Utf8JsonReader took a quarter of a large
/// batch's time on one core, most of it token by token through the payload. The scanner only
/// answers "yes, this is a JSON object, here are its members" or "not sure": anything it does not
/// expect (escaped member names at the top level, escaped surrogates, deep nesting, any syntax
/// error) makes it give up, and <see cref="EventParser"/> asks Utf8JsonReader, which gives the exact
/// error. So it must never accept what Utf8JsonReader refuses, and a test compares the two.
/// The body must be valid UTF-8: the SQS event readers check every body before it gets here.
/// </summary>
internal static class BodyScanner
{
    /// <summary>Below Utf8JsonReader's limit (64), so nothing it refuses for depth gets through.</summary>
    private const int MaxDepth = 32;

    /// <summary>Fills <paramref name="properties"/> with the body's top-level members, or returns false.</summary>
    public static bool TryScan(ReadOnlySpan<byte> body, List<BodyProperty> properties)
    {
        properties.Clear();
        var i = SkipWhitespace(body, 0);
        if (i >= body.Length || body[i] != '{')
        {
            return false;
        }

        i = SkipWhitespace(body, i + 1);
        if (i < body.Length && body[i] == '}')
        {
            return SkipWhitespace(body, i + 1) == body.Length;
        }

        while (true)
        {
            var start = i;
            if (i >= body.Length || body[i] != '"' || !TryString(body, ref i, out var escaped) || escaped)
            {
                return false;
            }

            var field = Classify(body[(start + 1)..(i - 1)]);
            i = SkipWhitespace(body, i);
            if (i >= body.Length || body[i] != ':')
            {
                return false;
            }

            i = SkipWhitespace(body, i + 1);
            var valueStart = i;
            if (!TryValue(body, ref i, 1, out var valueType))
            {
                return false;
            }

            properties.Add(new BodyProperty(field, start, valueStart, i, valueType));
            i = SkipWhitespace(body, i);
            if (i >= body.Length)
            {
                return false;
            }

            var next = body[i];
            if (next == '}')
            {
                return SkipWhitespace(body, i + 1) == body.Length;
            }

            if (next != ',')
            {
                return false;
            }

            i = SkipWhitespace(body, i + 1);
        }
    }

    private static bool TryValue(ReadOnlySpan<byte> body, ref int i, int depth, out JsonTokenType type)
    {
        type = JsonTokenType.None;
        if (i >= body.Length)
        {
            return false;
        }

        switch (body[i])
        {
            case (byte)'"':
                type = JsonTokenType.String;
                return TryString(body, ref i, out _);
            case (byte)'{':
                type = JsonTokenType.StartObject;
                return depth < MaxDepth && TryContainer(body, ref i, depth, isObject: true);
            case (byte)'[':
                type = JsonTokenType.StartArray;
                return depth < MaxDepth && TryContainer(body, ref i, depth, isObject: false);
            case (byte)'t':
                type = JsonTokenType.True;
                return TryLiteral(body, ref i, "true"u8);
            case (byte)'f':
                type = JsonTokenType.False;
                return TryLiteral(body, ref i, "false"u8);
            case (byte)'n':
                type = JsonTokenType.Null;
                return TryLiteral(body, ref i, "null"u8);
            default:
                type = JsonTokenType.Number;
                return TryNumber(body, ref i);
        }
    }

    /// <summary>An object or array from its opening bracket through its closing one.</summary>
    private static bool TryContainer(ReadOnlySpan<byte> body, ref int i, int depth, bool isObject)
    {
        var close = isObject ? (byte)'}' : (byte)']';
        i = SkipWhitespace(body, i + 1);
        if (i < body.Length && body[i] == close)
        {
            i++;
            return true;
        }

        while (true)
        {
            if (isObject)
            {
                if (i >= body.Length || body[i] != '"' || !TryString(body, ref i, out _))
                {
                    return false;
                }

                i = SkipWhitespace(body, i);
                if (i >= body.Length || body[i] != ':')
                {
                    return false;
                }

                i = SkipWhitespace(body, i + 1);
            }

            if (!TryValue(body, ref i, depth + 1, out _))
            {
                return false;
            }

            i = SkipWhitespace(body, i);
            if (i >= body.Length)
            {
                return false;
            }

            var next = body[i];
            if (next == close)
            {
                i++;
                return true;
            }

            if (next != ',')
            {
                return false;
            }

            i = SkipWhitespace(body, i + 1);
        }
    }

    /// <summary>A string from its opening quote; leaves <paramref name="i"/> after the closing one.</summary>
    private static bool TryString(ReadOnlySpan<byte> body, ref int i, out bool escaped)
    {
        escaped = false;
        i++;
        while (true)
        {
            i = NextSpecial(body, i);
            if (i >= body.Length)
            {
                return false;
            }

            var b = body[i];
            if (b == '"')
            {
                i++;
                return true;
            }

            if (b != '\\' || i + 1 >= body.Length)
            {
                // A control character: JSON strings must escape them.
                return false;
            }

            escaped = true;
            var escape = body[i + 1];
            if (escape is (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t')
            {
                i += 2;
                continue;
            }

            // \uXXXX. Like the reader, the scan does not pair surrogates: unpaired ones are judged where
            // a field's text is needed (the parser says which field), or kept verbatim in a JSON column.
            if (escape != 'u' || i + 6 > body.Length || !TryHex(body.Slice(i + 2, 4)))
            {
                return false;
            }

            i += 6;
        }
    }

    /// <summary>The index of the next quote, backslash or control character at or after <paramref name="i"/>.</summary>
    private static int NextSpecial(ReadOnlySpan<byte> body, int i)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            ref var start = ref MemoryMarshal.GetReference(body);
            var quote = Vector256.Create((byte)'"');
            var backslash = Vector256.Create((byte)'\\');
            var space = Vector256.Create((byte)' ');
            while (i + Vector256<byte>.Count <= body.Length)
            {
                var block = Vector256.LoadUnsafe(ref start, (nuint)i);
                var special = (Vector256.Equals(block, quote) | Vector256.Equals(block, backslash) | Vector256.LessThan(block, space))
                    .ExtractMostSignificantBits();
                if (special != 0)
                {
                    return i + BitOperations.TrailingZeroCount(special);
                }

                i += Vector256<byte>.Count;
            }
        }

        while (i < body.Length && body[i] is not ((byte)'"' or (byte)'\\' or < (byte)' '))
        {
            i++;
        }

        return i;
    }

    private static bool TryLiteral(ReadOnlySpan<byte> body, ref int i, ReadOnlySpan<byte> literal)
    {
        if (!body[i..].StartsWith(literal))
        {
            return false;
        }

        i += literal.Length;
        return true;
    }

    /// <summary>JSON's number grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?</summary>
    private static bool TryNumber(ReadOnlySpan<byte> body, ref int i)
    {
        if (body[i] == '-')
        {
            i++;
        }

        if (i >= body.Length || !IsDigit(body[i]))
        {
            return false;
        }

        if (body[i++] != '0')
        {
            i = SkipDigits(body, i);
        }

        if (i < body.Length && body[i] == '.')
        {
            var digits = ++i;
            i = SkipDigits(body, i);
            if (i == digits)
            {
                return false;
            }
        }

        if (i < body.Length && body[i] is (byte)'e' or (byte)'E')
        {
            i++;
            if (i < body.Length && body[i] is (byte)'+' or (byte)'-')
            {
                i++;
            }

            var digits = i;
            i = SkipDigits(body, i);
            if (i == digits)
            {
                return false;
            }
        }

        return true;
    }

    private static int SkipDigits(ReadOnlySpan<byte> body, int i)
    {
        while (i < body.Length && IsDigit(body[i]))
        {
            i++;
        }

        return i;
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    private static bool TryHex(ReadOnlySpan<byte> digits)
    {
        foreach (var b in digits)
        {
            if (!char.IsAsciiHexDigit((char)b))
            {
                return false;
            }
        }

        return true;
    }

    private static int SkipWhitespace(ReadOnlySpan<byte> body, int i)
    {
        while (i < body.Length && body[i] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
        {
            i++;
        }

        return i;
    }

    /// <summary>The same names as <see cref="EventParser"/>'s reader path, compared as raw bytes.</summary>
    internal static EventField Classify(ReadOnlySpan<byte> name) => name.Length switch
    {
        2 when name.SequenceEqual("id"u8) => EventField.Id,
        4 when name.SequenceEqual("Type"u8) => EventField.Type,
        4 when name.SequenceEqual("time"u8) => EventField.Time,
        6 when name.SequenceEqual("source"u8) => EventField.Source,
        6 when name.SequenceEqual("detail"u8) => EventField.Detail,
        7 when name.SequenceEqual("payload"u8) => EventField.Payload,
        7 when name.SequenceEqual("Message"u8) => EventField.Message,
        8 when name.SequenceEqual("event_id"u8) => EventField.EventId,
        10 when name.SequenceEqual("event_type"u8) => EventField.EventType,
        11 when name.SequenceEqual("occurred_at"u8) => EventField.OccurredAt,
        11 when name.SequenceEqual("detail-type"u8) => EventField.DetailType,
        _ => EventField.Other,
    };
}
