namespace DataPlatform.Processor.Events.Contract;

/// <summary>
/// The one table of the body fields the parser knows, by name: <see cref="Name"/> is the table;
/// <see cref="Classify"/> looks a member name up in an index built from it.
/// </summary>
internal static class EventFieldNames
{
    /// <summary>The known fields' UTF-8 names, grouped by length: a lookup compares one or two names.</summary>
    private static readonly (EventField Field, byte[] Name)[][] ByLength = BuildIndex();

    /// <summary>A field's name as a body spells it.</summary>
    public static string Name(EventField field) => field switch
    {
        EventField.EventType => "event_type",
        EventField.OccurredAt => "occurred_at",
        EventField.EventId => "event_id",
        EventField.Source => "source",
        EventField.Payload => "payload",
        EventField.Type => "Type",
        EventField.Message => "Message",
        EventField.DetailType => "detail-type",
        EventField.Detail => "detail",
        EventField.Time => "time",
        EventField.Id => "id",
        _ => "?",
    };

    /// <summary>The field a member name (unescaped, as raw bytes) stands for, or <see cref="EventField.Other"/>.</summary>
    public static EventField Classify(ReadOnlySpan<byte> name)
    {
        if ((uint)name.Length >= (uint)ByLength.Length)
        {
            return EventField.Other;
        }

        foreach (var (field, known) in ByLength[name.Length])
        {
            if (name.SequenceEqual(known))
            {
                return field;
            }
        }

        return EventField.Other;
    }

    private static (EventField, byte[])[][] BuildIndex()
    {
        var names = Enum.GetValues<EventField>()
            .Where(field => field != EventField.Other)
            .Select(field => (Field: field, Name: System.Text.Encoding.UTF8.GetBytes(Name(field))))
            .ToList();
        var index = new (EventField, byte[])[names.Max(entry => entry.Name.Length) + 1][];
        for (var length = 0; length < index.Length; length++)
        {
            index[length] = names.Where(entry => entry.Name.Length == length).Select(entry => (entry.Field, entry.Name)).ToArray();
        }

        return index;
    }
}
