using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace DataPlatform.Processor.Events.Json;

/// <summary>
/// Finds where a JSON value ends and validates it on the way, with strings searched 32 bytes at a
/// time: the one skipper of the hand-written scanners (the body scanner and the SQS envelope
/// reader). Each answers "here it ends" or "not sure" (-1) and leaves the exact error to
/// Utf8JsonReader, so this must never accept what Utf8JsonReader refuses, and tests compare them.
/// The input must be valid UTF-8 where it matters: strings are searched, not decoded.
/// </summary>
internal static class JsonSkipper
{
    /// <summary>
    /// How deep the skipper nests before it gives up. Below Utf8JsonReader's limit (64, which the
    /// general readers use), so nothing they refuse for depth gets through.
    /// </summary>
    public const int MaxDepth = 32;

    /// <summary>The index after the value that starts at <paramref name="i"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ValueEnd(ReadOnlySpan<byte> json, int i, int depth) => ValueEnd(json, i, depth, out _);

    /// <summary>The index after the value that starts at <paramref name="i"/>, or -1; <paramref name="type"/> is its first token.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ValueEnd(ReadOnlySpan<byte> json, int i, int depth, out JsonTokenType type)
    {
        type = JsonTokenType.None;
        if (i >= json.Length)
        {
            return -1;
        }

        var noMembers = default(NoMembers);
        switch (json[i])
        {
            case (byte)'"':
                type = JsonTokenType.String;
                return StringEnd(json, i);
            case (byte)'{':
                type = JsonTokenType.StartObject;
                return depth < MaxDepth ? ContainerEnd(json, i, depth, isObject: true, ref noMembers) : -1;
            case (byte)'[':
                type = JsonTokenType.StartArray;
                return depth < MaxDepth ? ContainerEnd(json, i, depth, isObject: false, ref noMembers) : -1;
            case (byte)'t':
                type = JsonTokenType.True;
                return LiteralEnd(json, i, "true"u8);
            case (byte)'f':
                type = JsonTokenType.False;
                return LiteralEnd(json, i, "false"u8);
            case (byte)'n':
                type = JsonTokenType.Null;
                return LiteralEnd(json, i, "null"u8);
            default:
                type = JsonTokenType.Number;
                return NumberEnd(json, i);
        }
    }

    /// <summary>
    /// The index after the object that opens at <paramref name="i"/>, or -1, with each member
    /// reported to <paramref name="members"/>.
    /// </summary>
    public static int ObjectEnd<TMembers>(ReadOnlySpan<byte> json, int i, int depth, ref TMembers members)
        where TMembers : struct, IJsonMemberSink =>
        JsonBytes.At(json, i) == '{' && depth < MaxDepth ? ContainerEnd(json, i, depth, isObject: true, ref members) : -1;

    /// <summary>The index after the object or array that opens at <paramref name="i"/>, or -1.</summary>
    private static int ContainerEnd<TMembers>(ReadOnlySpan<byte> json, int i, int depth, bool isObject, ref TMembers members)
        where TMembers : struct, IJsonMemberSink
    {
        var close = isObject ? (byte)'}' : (byte)']';
        i = JsonBytes.SkipWhitespace(json, i + 1);
        if (i < json.Length && json[i] == close)
        {
            return i + 1;
        }

        while (true)
        {
            var nameStart = i;
            var nameEnd = i;
            if (isObject)
            {
                if (i >= json.Length || json[i] != '"')
                {
                    return -1;
                }

                if (TMembers.Reports)
                {
                    // A reported name with an escape is left to the reader, which compares it unescaped.
                    i = JsonStringSearch.NextQuoteBackslashOrControl(json, i + 1);
                    if (i >= json.Length || json[i] != '"')
                    {
                        return -1;
                    }

                    nameEnd = i++;
                }
                else
                {
                    i = StringEnd(json, i);
                    if (i < 0)
                    {
                        return -1;
                    }
                }

                i = JsonBytes.SkipWhitespace(json, i);
                if (i >= json.Length || json[i] != ':')
                {
                    return -1;
                }

                i = JsonBytes.SkipWhitespace(json, i + 1);
            }

            var valueStart = i;
            i = ValueEnd(json, i, depth + 1, out var valueType);
            if (i < 0)
            {
                return -1;
            }

            if (TMembers.Reports)
            {
                members.Add(json[(nameStart + 1)..nameEnd], nameStart, valueStart, i, valueType);
            }

            i = JsonBytes.SkipWhitespace(json, i);
            if (i >= json.Length)
            {
                return -1;
            }

            var next = json[i];
            if (next == close)
            {
                return i + 1;
            }

            if (next != ',')
            {
                return -1;
            }

            i = JsonBytes.SkipWhitespace(json, i + 1);
        }
    }

    /// <summary>The index after the string whose opening quote is at <paramref name="i"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int StringEnd(ReadOnlySpan<byte> json, int i)
    {
        i = JsonStringSearch.NextQuoteBackslashOrControl(json, i + 1);
        return i < json.Length && json[i] == '"' ? i + 1 : EscapedStringEnd(json, i);
    }

    /// <summary>The rest of a string from a backslash (or a control character, which is an error).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int EscapedStringEnd(ReadOnlySpan<byte> json, int i)
    {
        while (true)
        {
            if (i >= json.Length)
            {
                return -1;
            }

            var b = json[i];
            if (b == '"')
            {
                return i + 1;
            }

            if (b != '\\' || i + 1 >= json.Length)
            {
                // A control character: JSON strings must escape them.
                return -1;
            }

            var escape = json[i + 1];
            if (escape is (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t')
            {
                i = JsonStringSearch.NextQuoteBackslashOrControl(json, i + 2);
                continue;
            }

            // \uXXXX. Like the reader, the skipper does not pair surrogates: unpaired ones are judged
            // where a string's text is needed (JsonUnescaper.HasUnpairedSurrogate).
            if (escape != 'u' || i + 6 > json.Length || !IsHexUnit(json.Slice(i + 2, 4)))
            {
                return -1;
            }

            i = JsonStringSearch.NextQuoteBackslashOrControl(json, i + 6);
        }
    }

    private static int LiteralEnd(ReadOnlySpan<byte> json, int i, ReadOnlySpan<byte> literal) =>
        json[i..].StartsWith(literal) ? i + literal.Length : -1;

    /// <summary>JSON's number grammar, -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?: the index after it, or -1.</summary>
    private static int NumberEnd(ReadOnlySpan<byte> json, int i)
    {
        if (json[i] == '-')
        {
            i++;
        }

        if (i >= json.Length || !IsDigit(json[i]))
        {
            return -1;
        }

        if (json[i++] != '0')
        {
            i = SkipDigits(json, i);
        }

        if (i < json.Length && json[i] == '.')
        {
            var digits = ++i;
            i = SkipDigits(json, i);
            if (i == digits)
            {
                return -1;
            }
        }

        if (i < json.Length && json[i] is (byte)'e' or (byte)'E')
        {
            i++;
            if (i < json.Length && json[i] is (byte)'+' or (byte)'-')
            {
                i++;
            }

            var digits = i;
            i = SkipDigits(json, i);
            if (i == digits)
            {
                return -1;
            }
        }

        return i;
    }

    private static int SkipDigits(ReadOnlySpan<byte> json, int i)
    {
        while (i < json.Length && IsDigit(json[i]))
        {
            i++;
        }

        return i;
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    private static bool IsHexUnit(ReadOnlySpan<byte> digits) =>
        Utf8Parser.TryParse(digits, out ushort _, out var consumed, 'X') && consumed == digits.Length;
}
