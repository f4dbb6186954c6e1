using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace DataPlatform.Processor.Lake;

/// <summary>
/// Names a Parquet object after the SQS message ids it holds (sorted, SHA-256, 128 bits in hex),
/// the Kafka Connect S3 sink's trick: a redelivered batch writes the same key and overwrites its
/// earlier copy instead of adding a duplicate file.
/// </summary>
public static class ObjectName
{
    public static string ForMessages(IEnumerable<string> messageIds)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        var sorted = messageIds.ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("An object holds at least one message.", nameof(messageIds));
        }

        // Sorted so that the order SQS happens to deliver in does not change the name. Hashed in
        // one call over one buffer: a hash update per id would be a native call per message.
        Array.Sort(sorted, StringComparer.Ordinal);
        var length = 0;
        foreach (var id in sorted)
        {
            length += Encoding.UTF8.GetMaxByteCount(id.Length) + 1;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var used = 0;
            foreach (var id in sorted)
            {
                used += Encoding.UTF8.GetBytes(id, buffer.AsSpan(used));
                buffer[used++] = (byte)'\n';
            }

            Span<byte> digest = stackalloc byte[32];
            SHA256.HashData(buffer.AsSpan(0, used), digest);
            return "part-" + Convert.ToHexStringLower(digest[..16]) + ".parquet";
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
