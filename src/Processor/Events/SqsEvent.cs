using System.Text.Json.Serialization;

namespace DataPlatform.Processor.Events;

/// <summary>The Lambda SQS event, as the event source mapping (or the local runner) sends it.</summary>
public sealed record SqsEvent([property: JsonPropertyName("Records")] IReadOnlyList<SqsRecord> Records);
