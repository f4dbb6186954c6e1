using System.Text.Json.Serialization;

namespace DataPlatform.Processor.Events;

/// <summary>A message attribute in the Lambda event's shape (camelCase, unlike the SQS API).</summary>
public sealed record SqsMessageAttribute
{
    [JsonPropertyName("stringValue")]
    public string? StringValue { get; init; }

    [JsonPropertyName("dataType")]
    public string DataType { get; init; } = "String";
}
