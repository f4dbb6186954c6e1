using System.Buffers.Text;
using System.Runtime.CompilerServices;
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

        i = ContainerEnd(body, i, 0, isObject: true, properties);
        return i >= 0 && SkipWhitespace(body, i) == body.Length;
    }

    /// <summary>The index after the value that starts at <paramref name="i"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ValueEnd(ReadOnlySpan<byte> body, int i, int depth, out JsonTokenType type)
    {
        type = JsonTokenType.None;
        if (i >= body.Length)
        {
            return -1;
        }

        switch (body[i])
        {
            case (byte)'"':
                type = JsonTokenType.String;
                return StringEnd(body, i);
            case (byte)'{':
                type = JsonTokenType.StartObject;
                return depth < MaxDepth ? ContainerEnd(body, i, depth, isObject: true, members: null) : -1;
            case (byte)'[':
                type = JsonTokenType.StartArray;
                return depth < MaxDepth ? ContainerEnd(body, i, depth, isObject: false, members: null) : -1;
            case (byte)'t':
                type = JsonTokenType.True;
                return LiteralEnd(body, i, "true"u8);
            case (byte)'f':
                type = JsonTokenType.False;
                return LiteralEnd(body, i, "false"u8);
            case (byte)'n':
                type = JsonTokenType.Null;
                return LiteralEnd(body, i, "null"u8);
            default:
                type = JsonTokenType.Number;
                return NumberEnd(body, i);
        }
    }

    /// <summary>
    /// The index after the object or array that opens at <paramref name="i"/>, or -1. With
    /// <paramref name="members"/> (the body's top level) each member is recorded, classified by name.
    /// </summary>
    private static int ContainerEnd(ReadOnlySpan<byte> body, int i, int depth, bool isObject, List<BodyProperty>? members)
    {
        var close = isObject ? (byte)'}' : (byte)']';
        i = SkipWhitespace(body, i + 1);
        if (i < body.Length && body[i] == close)
        {
            return i + 1;
        }

        while (true)
        {
            var nameStart = i;
            var field = EventField.Other;
            if (isObject)
            {
                if (i >= body.Length || body[i] != '"')
                {
                    return -1;
                }

                if (members is null)
                {
                    i = StringEnd(body, i);
                }
                else
                {
                    // A top-level name with an escape is left to the reader, which compares it unescaped.
                    i = JsonStringSearch.NextQuoteBackslashOrControl(body, i + 1);
                    if (i >= body.Length || body[i] != '"')
                    {
                        return -1;
                    }

                    field = Classify(body[(nameStart + 1)..i++]);
                }

                if (i < 0)
                {
                    return -1;
                }

                i = SkipWhitespace(body, i);
                if (i >= body.Length || body[i] != ':')
                {
                    return -1;
                }

                i = SkipWhitespace(body, i + 1);
            }

            var valueStart = i;
            i = ValueEnd(body, i, depth + 1, out var valueType);
            if (i < 0)
            {
                return -1;
            }

            members?.Add(new BodyProperty(field, nameStart, valueStart, i, valueType));

            i = SkipWhitespace(body, i);
            if (i >= body.Length)
            {
                return -1;
            }

            var next = body[i];
            if (next == close)
            {
                return i + 1;
            }

            if (next != ',')
            {
                return -1;
            }

            i = SkipWhitespace(body, i + 1);
        }
    }

    /// <summary>The index after the string whose opening quote is at <paramref name="i"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int StringEnd(ReadOnlySpan<byte> body, int i)
    {
        i = JsonStringSearch.NextQuoteBackslashOrControl(body, i + 1);
        return i < body.Length && body[i] == '"' ? i + 1 : EscapedStringEnd(body, i);
    }

    /// <summary>The rest of a string from a backslash (or a control character, which is an error).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int EscapedStringEnd(ReadOnlySpan<byte> body, int i)
    {
        while (true)
        {
            if (i >= body.Length)
            {
                return -1;
            }

            var b = body[i];
            if (b == '"')
            {
                return i + 1;
            }

            if (b != '\\' || i + 1 >= body.Length)
            {
                // A control character: JSON strings must escape them.
                return -1;
            }

            var escape = body[i + 1];
            if (escape is (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t')
            {
                i = JsonStringSearch.NextQuoteBackslashOrControl(body, i + 2);
                continue;
            }

            // \uXXXX. Like the reader, the scan does not pair surrogates: unpaired ones are judged where
            // a field's text is needed (the parser says which field), or kept verbatim in a JSON column.
            if (escape != 'u' || i + 6 > body.Length || !IsHexUnit(body.Slice(i + 2, 4)))
            {
                return -1;
            }

            i = JsonStringSearch.NextQuoteBackslashOrControl(body, i + 6);
        }
    }

    private static int LiteralEnd(ReadOnlySpan<byte> body, int i, ReadOnlySpan<byte> literal) =>
        body[i..].StartsWith(literal) ? i + literal.Length : -1;

    /// <summary>JSON's number grammar, -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?: the index after it, or -1.</summary>
    private static int NumberEnd(ReadOnlySpan<byte> body, int i)
    {
        if (body[i] == '-')
        {
            i++;
        }

        if (i >= body.Length || !IsDigit(body[i]))
        {
            return -1;
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
                return -1;
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
                return -1;
            }
        }

        return i;
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

    private static bool IsHexUnit(ReadOnlySpan<byte> digits) =>
        Utf8Parser.TryParse(digits, out ushort _, out var consumed, 'X') && consumed == digits.Length;

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
