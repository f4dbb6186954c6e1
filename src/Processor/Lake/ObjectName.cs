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

        // Sorted so that the order SQS happens to deliver in does not change the name.
        Array.Sort(sorted, StringComparer.Ordinal);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> separator = [(byte)'\n'];
        byte[] buffer = new byte[256];
        foreach (var id in sorted)
        {
            var needed = Encoding.UTF8.GetMaxByteCount(id.Length);
            if (buffer.Length < needed)
            {
                buffer = new byte[needed];
            }

            var length = Encoding.UTF8.GetBytes(id, buffer);
            hash.AppendData(buffer, 0, length);
            hash.AppendData(separator);
        }

        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        return "part-" + Convert.ToHexStringLower(digest[..16]) + ".parquet";
    }
}
