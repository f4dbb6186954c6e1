using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DataPlatform.Processor.Events.Json;

/// <summary>
/// Where the plain run of a JSON string ends, searched inline 32 bytes at a time: the strings of
/// an SQS event and of a body are short and many, and a search call per string cost more than the
/// search. The envelope reader stops at quotes and backslashes; the body scanner, which validates,
/// also at control characters (JSON strings must escape them).
/// </summary>
internal static class JsonStringSearch
{
    /// <summary>The next quote or backslash at or after <paramref name="i"/>, or the length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int NextQuoteOrBackslash(ReadOnlySpan<byte> json, int i) => Next(json, i, stopAtControl: false);

    /// <summary>The next quote, backslash or control character at or after <paramref name="i"/>, or the length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int NextQuoteBackslashOrControl(ReadOnlySpan<byte> json, int i) => Next(json, i, stopAtControl: true);

    // Inlined with a constant stopAtControl, so each caller gets only the comparisons it needs.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Next(ReadOnlySpan<byte> json, int i, bool stopAtControl)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            ref var start = ref MemoryMarshal.GetReference(json);
            while (i + Vector256<byte>.Count <= json.Length)
            {
                var block = Vector256.LoadUnsafe(ref start, (nuint)i);
                var stops = Vector256.Equals(block, Vector256.Create((byte)'"')) | Vector256.Equals(block, Vector256.Create((byte)'\\'));
                if (stopAtControl)
                {
                    stops |= Vector256.LessThan(block, Vector256.Create((byte)' '));
                }

                var special = stops.ExtractMostSignificantBits();
                if (special != 0)
                {
                    return i + BitOperations.TrailingZeroCount(special);
                }

                i += Vector256<byte>.Count;
            }
        }

        while (i < json.Length && json[i] is not ((byte)'"' or (byte)'\\') && !(stopAtControl && json[i] < ' '))
        {
            i++;
        }

        return i;
    }
}
