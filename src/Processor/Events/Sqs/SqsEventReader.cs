namespace DataPlatform.Processor.Events.Sqs;

/// <summary>
/// Reads the Lambda SQS event: only the fields the lake needs are kept (message id, body, receive
/// count, sent time), everything else is skipped without allocating. A deserialized object model
/// would cost a UTF-16 string per body. The fast reader takes what it can vouch for; the general
/// reader takes the rest and gives the exact error for what is not an SQS event.
/// </summary>
internal static class SqsEventReader
{
    /// <param name="eventJson">The invocation payload.</param>
    /// <param name="parallel">Whether a large event may be read by two cores.</param>
    public static SqsBatch Read(ReadOnlyMemory<byte> eventJson, bool parallel = true)
    {
        if (FastSqsEventReader.TryRead(eventJson, parallel ? SplitRecordReader.MinBytes : int.MaxValue, out var fast))
        {
            return fast!;
        }

        return JsonReaderSqsEventReader.Read(eventJson.Span);
    }
}
