using System.Runtime.CompilerServices;

namespace DataPlatform.Processor.Events.Json;

/// <summary>
/// Bounded reads for the hand-written JSON scanners. Truncated input must end a scan with an
/// answer ("not sure"), not an exception: <see cref="At"/> reads past the end as a zero byte,
/// which no JSON token starts with, so every check that follows fails by itself.
/// </summary>
internal static class JsonBytes
{
    /// <summary>The byte at <paramref name="i"/>, or 0 past either end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte At(ReadOnlySpan<byte> json, int i) => (uint)i < (uint)json.Length ? json[i] : (byte)0;

    /// <summary>The first index at or after <paramref name="i"/> that is not JSON whitespace (or the length).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SkipWhitespace(ReadOnlySpan<byte> json, int i)
    {
        while (i < json.Length && IsWhitespace(json[i]))
        {
            i++;
        }

        return i;
    }

    public static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r';
}
