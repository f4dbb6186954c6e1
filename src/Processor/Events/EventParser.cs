using System.Buffers;
using System.Text;
using System.Text.Json;

namespace DataPlatform.Processor.Events;

/// <summary>
/// Turns one message body into an <see cref="AcceptedEvent"/> or a reason to quarantine it.
/// A body is validated and its top-level members found in one pass (<see cref="BodyScanner"/>,
/// with Utf8JsonReader as the judge of anything the scanner is unsure of); the payload and unknown
/// top-level fields are copied as their original JSON text, so nothing is re-serialized and
/// nothing is dropped.
/// SNS notifications and EventBridge events are unwrapped to the same contract.
/// Not thread-safe: one parser per batch.
/// </summary>
internal sealed class EventParser(int maxBodyBytes)
{
    private const int MaxEnvelopeDepth = 1;

    private readonly List<BodyProperty> _properties = new(16);
    private readonly int[] _fieldIndex = new int[Enum.GetValues<EventField>().Length];
    private readonly Dictionary<string, string> _eventTypes = new(StringComparer.Ordinal);
    private byte[] _scratch = new byte[512];

    public int MaxBodyBytes { get; } = maxBodyBytes;

    /// <summary>Whether bodies go through <see cref="BodyScanner"/> first; off only to compare the two paths in tests.</summary>
    internal bool FastScan { get; init; } = true;

    public bool TryParse(in SqsMessage message, int messageIndex, TextArena arena, out AcceptedEvent accepted, out string error)
    {
        accepted = default;
        if (message.BodyError is { } bodyError)
        {
            error = bodyError;
            return false;
        }

        var body = message.Body.Span;
        if (body.Length > MaxBodyBytes)
        {
            error = $"the body is {body.Length} bytes, over the {MaxBodyBytes}-byte limit (MAX_BODY_BYTES)";
            return false;
        }

        var mark = arena.Mark();
        var ok = TryParseBody(body, message.MessageId, messageIndex, arena, 0, out accepted, out error);
        if (!ok)
        {
            arena.Rewind(mark);
        }

        return ok;
    }

    private bool TryParseBody(ReadOnlySpan<byte> body, string messageId, int messageIndex, TextArena arena, int depth,
        out AcceptedEvent accepted, out string error)
    {
        accepted = default;
        if (body.IsEmpty)
        {
            error = "the body is empty";
            return false;
        }

        if (!TryScan(body, out error))
        {
            return false;
        }

        if (IndexOf(EventField.EventType) < 0)
        {
            if (depth < MaxEnvelopeDepth && IsSnsNotification(body))
            {
                return TryParseSns(body, messageId, messageIndex, arena, depth, out accepted, out error);
            }

            if (IndexOf(EventField.DetailType) >= 0 && IndexOf(EventField.Detail) >= 0)
            {
                return TryBuild(body, messageId, messageIndex, arena, EventField.DetailType, EventField.Time, EventField.Id, EventField.Source, EventField.Detail,
                    out accepted, out error);
            }
        }

        return TryBuild(body, messageId, messageIndex, arena, EventField.EventType, EventField.OccurredAt, EventField.EventId, EventField.Source, EventField.Payload,
            out accepted, out error);
    }

    private bool TryScan(ReadOnlySpan<byte> body, out string error)
    {
        if (!(FastScan && BodyScanner.TryScan(body, _properties)) && !TryScanWithReader(body, out error))
        {
            return false;
        }

        return TryIndexFields(out error);
    }

    /// <summary>Where each known field is in <see cref="_properties"/>; a field named twice is refused.</summary>
    private bool TryIndexFields(out string error)
    {
        Array.Fill(_fieldIndex, -1);
        for (var i = 0; i < _properties.Count; i++)
        {
            var field = _properties[i].Field;
            if (field == EventField.Other)
            {
                continue;
            }

            if (_fieldIndex[(int)field] >= 0)
            {
                error = DuplicateField(field);
                return false;
            }

            _fieldIndex[(int)field] = i;
        }

        error = "";
        return true;
    }

    private static string DuplicateField(EventField field) => $"the body has the field '{Name(field)}' more than once";

    /// <summary>The general path, and the judge of every body the scanner is unsure of: exact errors with positions.</summary>
    private bool TryScanWithReader(ReadOnlySpan<byte> body, out string error)
    {
        _properties.Clear();
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 64 });
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                error = $"the body is JSON but not an object (it is {Describe(reader.TokenType)})";
                return false;
            }

            var seen = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var start = (int)reader.TokenStartIndex;
                var field = Classify(ref reader);
                reader.Read();
                var valueStart = (int)reader.TokenStartIndex;
                var valueType = reader.TokenType;
                reader.Skip();
                var end = (int)reader.BytesConsumed;
                if (field != EventField.Other)
                {
                    var bit = 1 << (int)field;
                    if ((seen & bit) != 0)
                    {
                        error = DuplicateField(field);
                        return false;
                    }

                    seen |= bit;
                }

                _properties.Add(new BodyProperty(field, start, valueStart, end, valueType));
            }

            // Reading past the object makes the reader reject trailing content (a second value).
            _ = reader.Read();
            error = "";
            return true;
        }
        catch (JsonException exception)
        {
            // Position only: the reader's message quotes the offending text, which is body content.
            error = $"the body is not valid JSON (line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1})";
            return false;
        }
    }

    private bool TryBuild(ReadOnlySpan<byte> body, string messageId, int messageIndex, TextArena arena,
        EventField typeField, EventField timeField, EventField idField, EventField sourceField, EventField payloadField,
        out AcceptedEvent accepted, out string error)
    {
        accepted = default;
        var typeName = Name(typeField);
        var timeName = Name(timeField);

        var typeIndex = IndexOf(typeField);
        if (typeIndex < 0)
        {
            error = $"the required field '{typeName}' is missing";
            return false;
        }

        if (!TryGetString(body, _properties[typeIndex], out var typeBytes))
        {
            error = $"the field '{typeName}' {NotText(_properties[typeIndex])}";
            return false;
        }

        if (!EventTypeName.IsValid(typeBytes))
        {
            error = $"the field '{typeName}' must be 1-{EventTypeName.MaxLength} characters of A-Z, a-z, 0-9, '_', '.', '-'";
            return false;
        }

        var eventType = Intern(typeBytes);

        var timeIndex = IndexOf(timeField);
        if (timeIndex < 0)
        {
            error = $"the required field '{timeName}' is missing";
            return false;
        }

        if (!TryGetString(body, _properties[timeIndex], out var timeBytes))
        {
            error = $"the field '{timeName}' {NotText(_properties[timeIndex])}";
            return false;
        }

        if (!Rfc3339.TryParse(timeBytes, out var occurredAt))
        {
            error = $"the field '{timeName}' must be an RFC 3339 date-time with an offset, like 2024-05-01T12:30:00Z";
            return false;
        }

        TextSlice eventId;
        var idIndex = IndexOf(idField);
        if (idIndex < 0 || _properties[idIndex].ValueType == JsonTokenType.Null)
        {
            eventId = arena.Append(messageId);
        }
        else if (TryGetString(body, _properties[idIndex], out var idBytes) && !idBytes.IsEmpty)
        {
            eventId = arena.AppendUtf8(idBytes);
        }
        else
        {
            var property = _properties[idIndex];
            error = property.ValueType == JsonTokenType.String && property.End - property.ValueStart == 2
                ? $"the field '{Name(idField)}' must be a non-empty string when present"
                : $"the field '{Name(idField)}' {NotText(property)}";
            return false;
        }

        var source = TextSlice.Null;
        var sourceIndex = IndexOf(sourceField);
        if (sourceIndex >= 0 && _properties[sourceIndex].ValueType != JsonTokenType.Null)
        {
            if (!TryGetString(body, _properties[sourceIndex], out var sourceBytes))
            {
                error = $"the field '{Name(sourceField)}' {NotText(_properties[sourceIndex])}";
                return false;
            }

            source = arena.AppendUtf8(sourceBytes);
        }

        var payload = TextSlice.Null;
        var payloadIndex = IndexOf(payloadField);
        if (payloadIndex >= 0 && _properties[payloadIndex].ValueType != JsonTokenType.Null)
        {
            var property = _properties[payloadIndex];
            payload = arena.AppendUtf8(body[property.ValueStart..property.End]);
        }

        var attributes = TextSlice.Null;
        var attributesMark = -1;
        var runStart = -1;
        var runEnd = -1;
        foreach (var property in _properties)
        {
            if (property.Field == typeField || property.Field == timeField || property.Field == idField
                || property.Field == sourceField || property.Field == payloadField)
            {
                continue;
            }

            // Members exactly as sent ("name": value), so numbers keep their precision, joined by
            // commas. Neighbours that the body already separates by one comma are copied as one run.
            if (runEnd >= 0 && property.Start == runEnd + 1 && body[runEnd] == ',')
            {
                runEnd = property.End;
                continue;
            }

            if (runStart >= 0)
            {
                arena.AppendUtf8(body[runStart..runEnd]);
                arena.AppendByte((byte)',');
            }
            else
            {
                attributesMark = arena.Mark();
                arena.AppendByte((byte)'{');
            }

            runStart = property.Start;
            runEnd = property.End;
        }

        if (runStart >= 0)
        {
            arena.AppendUtf8(body[runStart..runEnd]);
            arena.AppendByte((byte)'}');
            attributes = arena.EndSince(attributesMark);
        }

        accepted = new AcceptedEvent(arena, messageIndex, eventType, eventId, source, payload, attributes, occurredAt);
        error = "";
        return true;
    }

    private bool IsSnsNotification(ReadOnlySpan<byte> body)
    {
        var typeIndex = IndexOf(EventField.Type);
        var messageIndex = IndexOf(EventField.Message);
        return typeIndex >= 0 && messageIndex >= 0
            && _properties[messageIndex].ValueType == JsonTokenType.String
            && TryGetString(body, _properties[typeIndex], out var type)
            && type.SequenceEqual("Notification"u8);
    }

    private bool TryParseSns(ReadOnlySpan<byte> body, string messageId, int messageIndex, TextArena arena, int depth,
        out AcceptedEvent accepted, out string error)
    {
        var property = _properties[IndexOf(EventField.Message)];
        var raw = body[property.ValueStart..property.End];
        var rented = ArrayPool<byte>.Shared.Rent(raw.Length);
        try
        {
            int length;
            try
            {
                var reader = new Utf8JsonReader(raw);
                reader.Read();
                length = reader.CopyString(rented);
            }
            catch (InvalidOperationException)
            {
                accepted = default;
                error = "the SNS notification's Message is not valid Unicode text";
                return false;
            }

            if (!TryParseBody(rented.AsSpan(0, length), messageId, messageIndex, arena, depth + 1, out accepted, out error))
            {
                error = "in the SNS notification's Message, " + error;
                return false;
            }

            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Why a field that must hold text does not: the wrong JSON type, or a string that is not Unicode.</summary>
    private static string NotText(BodyProperty property) => property.ValueType == JsonTokenType.String
        ? "must be valid Unicode text, but it holds an escaped unpaired surrogate (\\uD800-\\uDFFF without its pair)"
        : $"must be a string, not {Describe(property.ValueType)}";

    private bool TryGetString(ReadOnlySpan<byte> body, BodyProperty property, out ReadOnlySpan<byte> value)
    {
        value = default;
        if (property.ValueType != JsonTokenType.String)
        {
            return false;
        }

        // Between the quotes; only escaped strings need the reader's unescaping.
        var raw = body[(property.ValueStart + 1)..(property.End - 1)];
        if (raw.IndexOf((byte)'\\') < 0)
        {
            value = raw;
            return true;
        }

        if (_scratch.Length < raw.Length)
        {
            _scratch = new byte[Math.Max(raw.Length, _scratch.Length * 2)];
        }

        try
        {
            var reader = new Utf8JsonReader(body[property.ValueStart..property.End]);
            reader.Read();
            var length = reader.CopyString(_scratch);
            value = _scratch.AsSpan(0, length);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private string Intern(ReadOnlySpan<byte> asciiName)
    {
        // Event types are few (tens) and ASCII: one string per distinct type, not per event.
        Span<char> chars = stackalloc char[asciiName.Length];
        for (var i = 0; i < asciiName.Length; i++)
        {
            chars[i] = (char)asciiName[i];
        }

        var lookup = _eventTypes.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(chars, out var existing))
        {
            return existing;
        }

        var created = new string(chars);
        _eventTypes[created] = created;
        return created;
    }

    private int IndexOf(EventField field) => _fieldIndex[(int)field];

    /// <summary>A member name as the reader has it; escaped names are compared unescaped.</summary>
    private EventField Classify(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return BodyScanner.Classify(reader.ValueSpan);
        }

        if (_scratch.Length < reader.ValueSpan.Length)
        {
            _scratch = new byte[reader.ValueSpan.Length];
        }

        try
        {
            return BodyScanner.Classify(_scratch.AsSpan(0, reader.CopyString(_scratch)));
        }
        catch (InvalidOperationException)
        {
            // An escaped unpaired surrogate: not one of the names the parser knows.
            return EventField.Other;
        }
    }

    private static string Name(EventField field) => field switch
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

    private static string Describe(JsonTokenType type) => type switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.String => "a string",
        _ => type.ToString(),
    };
}
