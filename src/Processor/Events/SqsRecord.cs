using System.Text.Json.Serialization;

namespace DataPlatform.Processor.Events;

/// <summary>One message of a Lambda SQS event, with the field names AWS uses.</summary>
public sealed record SqsRecord
{
    [JsonPropertyName("messageId")]
    public required string MessageId { get; init; }

    [JsonPropertyName("receiptHandle")]
    public string ReceiptHandle { get; init; } = "";

    [JsonPropertyName("body")]
    public required string Body { get; init; }

    [JsonPropertyName("attributes")]
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();

    [JsonPropertyName("messageAttributes")]
    public IReadOnlyDictionary<string, SqsMessageAttribute> MessageAttributes { get; init; } = new Dictionary<string, SqsMessageAttribute>();

    [JsonPropertyName("md5OfBody")]
    public string Md5OfBody { get; init; } = "";

    [JsonPropertyName("eventSource")]
    public string EventSource { get; init; } = "aws:sqs";

    [JsonPropertyName("eventSourceARN")]
    public string EventSourceArn { get; init; } = "";

    [JsonPropertyName("awsRegion")]
    public string AwsRegion { get; init; } = "";
}
