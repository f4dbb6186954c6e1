using System.Globalization;
using System.Text.Json;
using DataPlatform.Processor.Events;

namespace DataPlatform.Processor.Tests.Support;

/// <summary>Builds Lambda SQS event JSON the way the event source mapping sends it.</summary>
public sealed class SqsEventBuilder
{
    public static readonly DateTime DefaultSentAt = new(2024, 5, 1, 10, 15, 0, DateTimeKind.Utc);

    private readonly List<SqsRecord> _records = [];

    public IReadOnlyList<string> MessageIds => _records.Select(r => r.MessageId).ToList();

    public SqsEventBuilder Add(string body, string? messageId = null, int receiveCount = 1, DateTime? sentAt = null)
    {
        var sent = sentAt ?? DefaultSentAt;
        _records.Add(new SqsRecord
        {
            MessageId = messageId ?? $"msg-{_records.Count:D5}",
            ReceiptHandle = "handle-" + _records.Count,
            Body = body,
            Attributes = new Dictionary<string, string>
            {
                ["ApproximateReceiveCount"] = receiveCount.ToString(CultureInfo.InvariantCulture),
                ["SentTimestamp"] = new DateTimeOffset(sent).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
                ["SenderId"] = "AIDAEXAMPLE",
                ["ApproximateFirstReceiveTimestamp"] = new DateTimeOffset(sent).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            },
            EventSourceArn = "arn:aws:sqs:us-east-1:123456789012:events",
            AwsRegion = "us-east-1",
        });
        return this;
    }

    public SqsEventBuilder AddEvent(string eventType, string occurredAt = "2024-05-01T10:00:00Z", string? eventId = null,
        string payload = """{"amount":12.5,"items":[1,2]}""", string? messageId = null)
    {
        var id = eventId is null ? "" : $"\"event_id\":{JsonSerializer.Serialize(eventId)},";
        return Add($$"""{{{id}}"event_type":"{{eventType}}","occurred_at":"{{occurredAt}}","source":"tests","payload":{{payload}}}""", messageId);
    }

    /// <summary>System.Text.Json's default escaping: every quote in a body as \u0022.</summary>
    public byte[] ToUtf8() => JsonSerializer.SerializeToUtf8Bytes(new SqsEvent(_records), ProcessorJson.Default.SqsEvent);

    /// <summary>Escaped as the event source mapping does it: quotes as \", other text as is.</summary>
    public byte[] ToLambdaUtf8() => JsonSerializer.SerializeToUtf8Bytes(new SqsEvent(_records), ProcessorJson.AsLambdaSends.SqsEvent);
}
