namespace DataPlatform.Compaction;

/// <summary>Where the columns that dedupe and ordering read sit in an hour's files (docs/events.md names them).</summary>
internal sealed record EnvelopeColumns(int EventId, int EventType, int OccurredAt, int SentAt, int MessageId)
{
    public static EnvelopeColumns Of(IReadOnlyList<string> names, string where)
    {
        int Find(string name)
        {
            for (var i = 0; i < names.Count; i++)
            {
                if (names[i] == name)
                {
                    return i;
                }
            }

            throw new InvalidDataException(
                $"{where} has no '{name}' column, so compaction cannot tell its events apart. It is not a file of the events table (docs/events.md); " +
                "move it out of events/ and rerun.");
        }

        return new EnvelopeColumns(Find("event_id"), Find("event_type"), Find("occurred_at"), Find("sqs_sent_at"), Find("sqs_message_id"));
    }
}
