using System.Buffers;
using System.Text.Json;
using DataPlatform.Processor.Events.Json;

namespace DataPlatform.Processor.Events.Contract;

/// <summary>An SNS notification delivered to SQS: the event is its Message, a JSON string of JSON.</summary>
internal static class SnsNotification
{
    /// <summary>Whether the body is an SNS notification (Type "Notification" and a string Message).</summary>
    public static bool Is(BodyMembers members, ReadOnlySpan<byte> body) =>
        members.TryGet(EventField.Type, out var type)
        && members.TryGet(EventField.Message, out var message)
        && message.ValueType == JsonTokenType.String
        && members.TryGetString(body, type, out var typeText)
        && typeText.SequenceEqual("Notification"u8);

    /// <summary>
    /// The Message's text in a rented buffer (return it to the shared pool), or false when it
    /// escapes an unpaired surrogate and so has no text.
    /// </summary>
    public static bool TryUnwrap(BodyMembers members, ReadOnlySpan<byte> body, out byte[] rented, out int length)
    {
        members.TryGet(EventField.Message, out var property);
        var raw = body[property.ValueStart..property.End];
        if (!JsonUnescaper.HasUnicodeText(raw[1..^1]))
        {
            rented = [];
            length = 0;
            return false;
        }

        rented = ArrayPool<byte>.Shared.Rent(raw.Length);
        var reader = new Utf8JsonReader(raw);
        reader.Read();
        length = reader.CopyString(rented);
        return true;
    }
}
