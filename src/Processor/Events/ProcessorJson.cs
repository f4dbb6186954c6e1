using System.Text.Json.Serialization;

namespace DataPlatform.Processor.Events;

/// <summary>
/// Source-generated serializers for the event and response models: no reflection at cold start,
/// and safe to trim.
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = false, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(SqsEvent))]
[JsonSerializable(typeof(BatchResponse))]
public sealed partial class ProcessorJson : JsonSerializerContext;
