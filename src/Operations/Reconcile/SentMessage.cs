using System.Text.Json.Serialization;

namespace DataPlatform.Operations.Reconcile;

/// <summary>One line of the send ledger: a message SQS accepted, and the event id it carries.</summary>
public sealed record SentMessage(
    [property: JsonPropertyName("sent_at")] DateTimeOffset SentAt,
    [property: JsonPropertyName("message_id")] string MessageId,
    [property: JsonPropertyName("event_id")] string EventId,
    [property: JsonPropertyName("queue_url")] string QueueUrl);
