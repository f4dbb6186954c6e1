using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace DataPlatform.Compaction;

/// <summary>
/// 128 bits of an event id's SHA-256: the look-back window holds a day of ids, and 16 bytes each is a
/// fraction of the strings; at 128 bits a collision (which would drop an event) is out of reach.
/// </summary>
public static class EventIdKey
{
    public static UInt128 Of(string eventId)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        var length = Encoding.UTF8.GetMaxByteCount(eventId.Length);
        var rented = length > 512 ? ArrayPool<byte>.Shared.Rent(length) : null;
        Span<byte> bytes = rented ?? stackalloc byte[512];
        try
        {
            var used = Encoding.UTF8.GetBytes(eventId, bytes);
            Span<byte> digest = stackalloc byte[32];
            SHA256.HashData(bytes[..used], digest);
            return new UInt128(BitConverter.ToUInt64(digest[..8]), BitConverter.ToUInt64(digest[8..16]));
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
