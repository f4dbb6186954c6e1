namespace DataPlatform.Contracts;

/// <summary>
/// The event_type rule: 1-128 characters of [A-Za-z0-9_.-]. The value becomes a path segment
/// (<c>event_type=…</c>), so anything that needs URL or Hive escaping is refused up front.
/// </summary>
public static class EventTypeName
{
    public const int MaxLength = 128;

    public static bool IsValid(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length is 0 or > MaxLength)
        {
            return false;
        }

        foreach (var b in utf8)
        {
            if (!(char.IsAsciiLetterOrDigit((char)b) || b is (byte)'_' or (byte)'.' or (byte)'-'))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsValid(string text) =>
        text.Length is > 0 and <= MaxLength && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-');
}
