using System.Buffers;
using static DataPlatform.Processor.Events.Json.JsonBytes;

namespace DataPlatform.Processor.Events.Sqs;

/// <summary>
/// Reads a large Records array with two cores. A second core starts reading at what looks like a
/// record start near the middle, into its own buffer, while this thread reads from the front. The
/// front reader is the judge: the tail's records are taken only if the front arrives at a record
/// start exactly where the tail began, which proves both read the same records. A wrong guess
/// costs the tail's work and nothing else.
/// </summary>
internal static class SplitRecordReader
{
    /// <summary>Below this many bytes of records, a second reader costs more than it saves.</summary>
    internal const int MinBytes = 1 << 20;

    /// <summary>How far past the middle to look for a record start before reading on one core.</summary>
    private const int SearchBytes = 1 << 20;

    /// <summary>
    /// The Records array at <paramref name="i"/> into <paramref name="messages"/>; bodies in
    /// <paramref name="arena"/>, or from the tail's first record on in <paramref name="tailArena"/>.
    /// </summary>
    public static bool TryReadRecords(ReadOnlyMemory<byte> memory, int splitMinBytes, ref int i, byte[] arena, ref int used,
        List<SqsMessage> messages, out byte[]? tailArena)
    {
        tailArena = null;
        var json = memory.Span;
        if (At(json, i++) != '[')
        {
            return false;
        }

        i = SkipWhitespace(json, i);
        if (At(json, i) == ']')
        {
            i++;
            return true;
        }

        if (json.Length - i < splitMinBytes || Environment.ProcessorCount < 2
            || !TryFindRecordStart(json, i + (json.Length - i) / 2, out var split))
        {
            return FastSqsEventReader.TryReadRecordList(json, ref i, arena, ref used, messages, stopAt: -1, out _);
        }

        var tailBuffer = ArrayPool<byte>.Shared.Rent(json.Length - split);
        var tailMessages = new List<SqsMessage>(FastSqsEventReader.ExpectedRecords(json.Length - split));
        var tail = Task.Run(() =>
        {
            var j = split;
            var tailUsed = 0;
            var ok = FastSqsEventReader.TryReadRecordList(memory.Span, ref j, tailBuffer, ref tailUsed, tailMessages, stopAt: -1, out _);
            return (Ok: ok, End: j);
        });

        bool frontOk;
        var metTail = false;
        try
        {
            frontOk = FastSqsEventReader.TryReadRecordList(json, ref i, arena, ref used, messages, stopAt: split, out metTail);
        }
        finally
        {
            // The tail writes only its own buffer, but that buffer must not go back to the pool
            // while it is still being written.
            tail.Wait();
        }

        var (tailOk, tailEnd) = tail.Result;
        if (frontOk && metTail && tailOk)
        {
            messages.AddRange(tailMessages);
            i = tailEnd;
            tailArena = tailBuffer;
            return true;
        }

        ArrayPool<byte>.Shared.Return(tailBuffer);
        if (!frontOk || !metTail)
        {
            return frontOk;
        }

        // The front reached the tail's start, so the tail's failure is the event's: read it again
        // here for the general reader's fallback to decide.
        return FastSqsEventReader.TryReadRecordList(json, ref i, arena, ref used, messages, stopAt: -1, out _);
    }

    /// <summary>
    /// The first <c>{</c> at or after <paramref name="from"/> that is preceded by <c>},</c> and
    /// followed by a quote, whitespace aside: in a record array, the start of a record. Only a guess
    /// (a string can contain the same bytes); the front reader confirms it.
    /// </summary>
    private static bool TryFindRecordStart(ReadOnlySpan<byte> json, int from, out int start)
    {
        var limit = Math.Min(json.Length, from + SearchBytes);
        for (var k = from; k < limit; k++)
        {
            var next = json[k..limit].IndexOf((byte)'{');
            if (next < 0)
            {
                break;
            }

            k += next;
            var before = k - 1;
            while (before > 0 && IsWhitespace(json[before]))
            {
                before--;
            }

            if (before <= 0 || json[before] != ',')
            {
                continue;
            }

            before--;
            while (before > 0 && IsWhitespace(json[before]))
            {
                before--;
            }

            var after = k + 1;
            while (after < limit && IsWhitespace(json[after]))
            {
                after++;
            }

            if (json[before] == '}' && after < limit && json[after] == '"')
            {
                start = k;
                return true;
            }
        }

        start = -1;
        return false;
    }
}
