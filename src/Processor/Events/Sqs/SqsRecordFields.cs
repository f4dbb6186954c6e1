using System.Buffers.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace DataPlatform.Processor.Events.Sqs;

/// <summary>
/// The fields of one SQS record that the lake needs (message id, body, receive count, sent time)
/// and the rules that turn them into an <see cref="SqsMessage"/>. Both event readers collect a
/// record through it, so the fast path and its fallback cannot disagree on what a record means.
/// </summary>
internal struct SqsRecordFields
{
    private string? _messageId;
    private ReadOnlyMemory<byte> _body;
    private string? _bodyError;
    private int _receiveCount;
    private DateTime? _sentAt;

    public SqsRecordFields() => _receiveCount = 1;

    public static ReadOnlySpan<byte> MessageIdName => "messageId"u8;

    public static ReadOnlySpan<byte> BodyName => "body"u8;

    public static ReadOnlySpan<byte> AttributesName => "attributes"u8;

    public static ReadOnlySpan<byte> ReceiveCountName => "ApproximateReceiveCount"u8;

    public static ReadOnlySpan<byte> SentTimestampName => "SentTimestamp"u8;

    /// <summary>A record member by its (unescaped) name.</summary>
    public static SqsRecordField Classify(ReadOnlySpan<byte> name) =>
        name.SequenceEqual(MessageIdName) ? SqsRecordField.MessageId
        : name.SequenceEqual(BodyName) ? SqsRecordField.Body
        : name.SequenceEqual(AttributesName) ? SqsRecordField.Attributes
        : SqsRecordField.Other;

    /// <summary>A record member by the name the reader is on, escaped or not.</summary>
    public static SqsRecordField Classify(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals(MessageIdName) ? SqsRecordField.MessageId
        : reader.ValueTextEquals(BodyName) ? SqsRecordField.Body
        : reader.ValueTextEquals(AttributesName) ? SqsRecordField.Attributes
        : SqsRecordField.Other;

    public void SetMessageId(string? messageId) => _messageId = messageId;

    /// <summary>The unescaped body; text that is not UTF-8 is kept and marked, so it is quarantined whole.</summary>
    public void SetBody(ReadOnlyMemory<byte> body) =>
        SetBody(body, Utf8.IsValid(body.Span) ? null : "the body is not valid UTF-8 text");

    /// <summary>A body as it can be kept (escaped, when it has no text) with the reason it cannot be read.</summary>
    public void SetBody(ReadOnlyMemory<byte> body, string? error)
    {
        _body = body;
        _bodyError = error;
    }

    /// <summary>
    /// An attribute's value as SQS sends it (a string of digits); any other value, or one out of
    /// range, leaves the default (one receive, no sent time).
    /// </summary>
    public void SetAttribute(ReadOnlySpan<byte> name, ReadOnlySpan<byte> digits)
    {
        if (Utf8Parser.TryParse(digits, out long value, out var consumed) && consumed == digits.Length)
        {
            SetAttribute(name, value);
        }
    }

    /// <inheritdoc cref="SetAttribute(ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>
    public void SetAttribute(ReadOnlySpan<byte> name, long value)
    {
        if (value <= 0)
        {
            return;
        }

        if (name.SequenceEqual(ReceiveCountName))
        {
            if (value <= int.MaxValue)
            {
                _receiveCount = (int)value;
            }
        }
        else if (name.SequenceEqual(SentTimestampName))
        {
            _sentAt = DateTime.UnixEpoch.AddMilliseconds(value);
        }
    }

    /// <summary>Whether the processor reads the attribute of that name.</summary>
    public static bool IsKnownAttribute(ReadOnlySpan<byte> name) => name.SequenceEqual(ReceiveCountName) || name.SequenceEqual(SentTimestampName);

    /// <summary>The attribute the reader is on, by its canonical name (escaped or not), or empty for one the processor ignores.</summary>
    public static ReadOnlySpan<byte> AttributeName(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals(ReceiveCountName) ? ReceiveCountName
        : reader.ValueTextEquals(SentTimestampName) ? SentTimestampName
        : default;

    /// <summary>The message, or false when the record has no message id (no failure could be reported for it).</summary>
    public readonly bool TryBuild(out SqsMessage message)
    {
        if (string.IsNullOrEmpty(_messageId))
        {
            message = default;
            return false;
        }

        message = new SqsMessage(_messageId, _body, _receiveCount, _sentAt, _bodyError);
        return true;
    }
}
