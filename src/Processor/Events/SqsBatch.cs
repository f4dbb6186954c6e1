using System.Buffers;

namespace DataPlatform.Processor.Events;

/// <summary>
/// The messages of one invocation. Their bodies live in one pooled buffer that goes back to the
/// pool on dispose, so a 10,000-message batch costs one rental instead of 10,000 strings.
/// </summary>
internal sealed class SqsBatch(List<SqsMessage> messages, byte[]? rented) : IDisposable
{
    private byte[]? _rented = rented;

    public IReadOnlyList<SqsMessage> Messages { get; } = messages;

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
        if (_rented is { } buffer)
        {
            _rented = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
