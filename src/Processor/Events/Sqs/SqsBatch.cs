using System.Buffers;

namespace DataPlatform.Processor.Events.Sqs;

/// <summary>
/// The messages of one invocation. Their bodies live in pooled buffers (one, or one per core that
/// read part of the event) that go back to the pool on dispose, so a 10,000-message batch costs a
/// rental or two instead of 10,000 strings.
/// </summary>
internal sealed class SqsBatch(List<SqsMessage> messages, params byte[][] rented) : IDisposable
{
    private byte[][] _rented = rented;

    public IReadOnlyList<SqsMessage> Messages { get; } = messages;

    /// <summary>How many pooled buffers hold the bodies: two when two cores read the event.</summary>
    internal int BufferCount => _rented.Length;

    /// <summary>
    /// The batch's ingestion time: when the queue accepted its earliest message. Deterministic
    /// across redeliveries, so a retried batch lands in the same partition under the same key.
    /// </summary>
    public DateTime? EarliestSentAt
    {
        get
        {
            DateTime? earliest = null;
            foreach (var message in Messages)
            {
                if (message.SentAt is { } sent && (earliest is null || sent < earliest))
                {
                    earliest = sent;
                }
            }

            return earliest;
        }
    }

    public void Dispose()
    {
        var rented = _rented;
        _rented = [];
        foreach (var buffer in rented)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
