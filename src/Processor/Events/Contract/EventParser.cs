using System.Buffers;
using System.Text.Json;
using DataPlatform.Contracts;
using DataPlatform.Processor.Events.Json;
using DataPlatform.Processor.Events.Sqs;

namespace DataPlatform.Processor.Events.Contract;

/// <summary>
/// Turns one message body into an <see cref="AcceptedEvent"/> or a reason to quarantine it.
/// A body's top-level members are found in one pass (<see cref="BodyMembers"/>); the payload and
/// unknown top-level fields are copied as their original JSON text, so nothing is re-serialized
/// and nothing is dropped. SNS notifications and EventBridge events are unwrapped to the same
/// contract. Not thread-safe: one parser per batch.
/// </summary>
internal sealed class EventParser(int maxBodyBytes)
{
    private const int MaxEnvelopeDepth = 1;

    private readonly BodyMembers _members = new();
    private readonly Dictionary<string, string> _eventTypes = new(StringComparer.Ordinal);

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

        if (!_members.TryRead(body, FastScan, out error))
        {
            return false;
        }

        if (!_members.Has(EventField.EventType))
        {
            if (depth < MaxEnvelopeDepth && SnsNotification.Is(_members, body))
            {
                return TryParseSns(body, messageId, messageIndex, arena, depth, out accepted, out error);
            }

            if (_members.Has(EventField.DetailType) && _members.Has(EventField.Detail))
            {
                return TryBuild(body, messageId, messageIndex, arena, EventShape.EventBridge, out accepted, out error);
            }
        }

        return TryBuild(body, messageId, messageIndex, arena, EventShape.Contract, out accepted, out error);
    }

    private bool TryBuild(ReadOnlySpan<byte> body, string messageId, int messageIndex, TextArena arena, EventShape shape,
        out AcceptedEvent accepted, out string error)
    {
        accepted = default;
        var typeName = EventFieldNames.Name(shape.Type);
        var timeName = EventFieldNames.Name(shape.Time);

        if (!_members.TryGet(shape.Type, out var typeProperty))
        {
            error = $"the required field '{typeName}' is missing";
            return false;
        }

        if (!_members.TryGetString(body, typeProperty, out var typeBytes))
        {
            error = $"the field '{typeName}' {NotText(typeProperty)}";
            return false;
        }

        if (!EventTypeName.IsValid(typeBytes))
        {
            error = $"the field '{typeName}' must be 1-{EventTypeName.MaxLength} characters of A-Z, a-z, 0-9, '_', '.', '-'";
            return false;
        }

        var eventType = Intern(typeBytes);

        if (!_members.TryGet(shape.Time, out var timeProperty))
        {
            error = $"the required field '{timeName}' is missing";
            return false;
        }

        if (!_members.TryGetString(body, timeProperty, out var timeBytes))
        {
            error = $"the field '{timeName}' {NotText(timeProperty)}";
            return false;
        }

        if (!Rfc3339.TryParse(timeBytes, out var occurredAt))
        {
            error = $"the field '{timeName}' must be an RFC 3339 date-time with an offset, like 2024-05-01T12:30:00Z";
            return false;
        }

        TextSlice eventId;
        if (!_members.TryGet(shape.Id, out var idProperty) || idProperty.ValueType == JsonTokenType.Null)
        {
            eventId = arena.Append(messageId);
        }
        else if (_members.TryGetString(body, idProperty, out var idBytes) && !idBytes.IsEmpty)
        {
            eventId = arena.AppendUtf8(idBytes);
        }
        else
        {
            error = idProperty.ValueType == JsonTokenType.String && idProperty.End - idProperty.ValueStart == 2
                ? $"the field '{EventFieldNames.Name(shape.Id)}' must be a non-empty string when present"
                : $"the field '{EventFieldNames.Name(shape.Id)}' {NotText(idProperty)}";
            return false;
        }

        var source = TextSlice.Null;
        if (_members.TryGet(shape.Source, out var sourceProperty) && sourceProperty.ValueType != JsonTokenType.Null)
        {
            if (!_members.TryGetString(body, sourceProperty, out var sourceBytes))
            {
                error = $"the field '{EventFieldNames.Name(shape.Source)}' {NotText(sourceProperty)}";
                return false;
            }

            source = arena.AppendUtf8(sourceBytes);
        }

        var payload = TextSlice.Null;
        if (_members.TryGet(shape.Payload, out var payloadProperty) && payloadProperty.ValueType != JsonTokenType.Null)
        {
            payload = arena.AppendUtf8(body[payloadProperty.ValueStart..payloadProperty.End]);
        }

        var attributes = AppendAttributes(body, arena, shape);
        accepted = new AcceptedEvent(arena, messageIndex, eventType, eventId, source, payload, attributes, occurredAt);
        error = "";
        return true;
    }

    /// <summary>
    /// The members outside the contract as one JSON object, exactly as sent ("name": value), so
    /// numbers keep their precision; null when there are none.
    /// </summary>
    private TextSlice AppendAttributes(ReadOnlySpan<byte> body, TextArena arena, EventShape shape)
    {
        var attributesMark = -1;
        var runStart = -1;
        var runEnd = -1;
        foreach (var property in _members.All)
        {
            if (shape.Holds(property.Field))
            {
                continue;
            }

            // Neighbours that the body already separates by one comma are copied as one run.
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

        if (runStart < 0)
        {
            return TextSlice.Null;
        }

        arena.AppendUtf8(body[runStart..runEnd]);
        arena.AppendByte((byte)'}');
        return arena.EndSince(attributesMark);
    }

    private bool TryParseSns(ReadOnlySpan<byte> body, string messageId, int messageIndex, TextArena arena, int depth,
        out AcceptedEvent accepted, out string error)
    {
        if (!SnsNotification.TryUnwrap(_members, body, out var rented, out var length))
        {
            accepted = default;
            error = "the SNS notification's Message is not valid Unicode text";
            return false;
        }

        try
        {
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
        : $"must be a string, not {JsonTokenDescription.Describe(property.ValueType)}";

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
}
