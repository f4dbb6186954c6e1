using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using System.Text.Unicode;

namespace DataPlatform.Processor.Events.Json;

/// <summary>
/// Unescapes a JSON string into a buffer in one pass. Utf8JsonReader walks an escaped string byte
/// by byte after its first backslash, and every SQS body is escaped JSON with a quote every few
/// bytes, so most of an event is read the slow way (figures: bench/README.md). Gives up (false) on anything it does not expect:
/// an unknown escape, an unpaired surrogate, the end of the input before the closing quote.
/// </summary>
internal static class JsonUnescaper
{
    /// <summary>
    /// For each mask of 8 bits, the indices (0-7) of the bytes whose bit is clear, in order: a
    /// shuffle with it packs an 8-byte half without the marked bytes.
    /// </summary>
    private static readonly byte[] PackTable = BuildPackTable();

    /// <summary>
    /// Unescapes the string whose content starts at <paramref name="i"/> (after its opening quote)
    /// into <paramref name="buffer"/> at <paramref name="used"/>, and leaves <paramref name="i"/>
    /// after its closing quote. The buffer must have room for the escaped text from
    /// <paramref name="used"/> on (unescaping never lengthens it), and <paramref name="used"/> must
    /// not be ahead of <paramref name="i"/>: the block copies write a little past what they keep.
    /// </summary>
    public static bool TryUnescape(ReadOnlySpan<byte> json, ref int i, byte[] buffer, ref int used)
    {
        while (true)
        {
            CopyQuoteEscapedBlocks(json, ref i, buffer, ref used);
            if (!TryCopyPlainRun(json, ref i, buffer, ref used))
            {
                return false;
            }

            if (json[i] == '"')
            {
                i++;
                return true;
            }

            var escape = JsonBytes.At(json, i + 1);
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
                buffer[used++] = plain;
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
                if (JsonBytes.At(json, i) != '\\' || JsonBytes.At(json, i + 1) != 'u' || !TryHex(json, i + 2, out var low)
                    || !char.IsLowSurrogate((char)low))
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

            used += new Rune(codePoint).EncodeToUtf8(buffer.AsSpan(used));
        }
    }

    /// <summary>
    /// Whether an escaped string (its raw text, already validated as JSON) stands for Unicode text:
    /// valid UTF-8 and no unpaired surrogate escape. Utf8JsonReader's CopyString throws for any
    /// other, so this is asked first.
    /// </summary>
    public static bool HasUnicodeText(ReadOnlySpan<byte> escaped) => !HasUnpairedSurrogate(escaped) && Utf8.IsValid(escaped);

    /// <summary>
    /// Whether an escaped string (its raw text, already validated as JSON) holds a \u escape of a
    /// surrogate without its pair: such a string has no Unicode text, and Utf8JsonReader's
    /// CopyString would throw for it.
    /// </summary>
    public static bool HasUnpairedSurrogate(ReadOnlySpan<byte> escaped)
    {
        var i = escaped.IndexOf((byte)'\\');
        while (i >= 0 && i + 1 < escaped.Length)
        {
            if (escaped[i + 1] != 'u')
            {
                i = Next(escaped, i + 2);
                continue;
            }

            if (!TryHex(escaped, i + 2, out var unit))
            {
                return true;
            }

            if (char.IsLowSurrogate((char)unit))
            {
                return true;
            }

            if (char.IsHighSurrogate((char)unit))
            {
                if (JsonBytes.At(escaped, i + 6) != '\\' || JsonBytes.At(escaped, i + 7) != 'u'
                    || !TryHex(escaped, i + 8, out var low) || !char.IsLowSurrogate((char)low))
                {
                    return true;
                }

                i = Next(escaped, i + 12);
                continue;
            }

            i = Next(escaped, i + 6);
        }

        return false;

        static int Next(ReadOnlySpan<byte> text, int from)
        {
            if (from >= text.Length)
            {
                return -1;
            }

            var next = text[from..].IndexOf((byte)'\\');
            return next < 0 ? -1 : from + next;
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
    private static void CopyQuoteEscapedBlocks(ReadOnlySpan<byte> json, ref int i, byte[] buffer, ref int used)
    {
        if (!Vector128.IsHardwareAccelerated)
        {
            return;
        }

        ref var source = ref MemoryMarshal.GetReference(json);
        ref var target = ref MemoryMarshal.GetArrayDataReference(buffer);
        ref var packs = ref MemoryMarshal.GetArrayDataReference(PackTable);
        var quote = Vector128.Create((byte)'"');
        var backslash = Vector128.Create((byte)'\\');
        var upperHalf = Vector128.Create((byte)8);
        while (i + Vector128<byte>.Count <= json.Length && used + Vector128<byte>.Count <= buffer.Length)
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
                if (JsonBytes.At(json, i + Vector128<byte>.Count) != '"')
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
                buffer[used++] = (byte)'"';
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
    private static bool TryCopyPlainRun(ReadOnlySpan<byte> json, ref int i, byte[] buffer, ref int used)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            var quote = Vector256.Create((byte)'"');
            var backslash = Vector256.Create((byte)'\\');
            ref var source = ref MemoryMarshal.GetReference(json);
            ref var target = ref MemoryMarshal.GetArrayDataReference(buffer);
            while (i + Vector256<byte>.Count <= json.Length && used + Vector256<byte>.Count <= buffer.Length)
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

        if (i >= json.Length)
        {
            return false;
        }

        var rest = json[i..];
        var stop = rest.IndexOfAny((byte)'"', (byte)'\\');
        if (stop < 0)
        {
            return false;
        }

        rest[..stop].CopyTo(buffer.AsSpan(used));
        used += stop;
        i += stop;
        return true;
    }

    private static bool TryHex(ReadOnlySpan<byte> json, int start, out int value)
    {
        value = 0;
        if (start < 0 || start + 4 > json.Length)
        {
            return false;
        }

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
}
