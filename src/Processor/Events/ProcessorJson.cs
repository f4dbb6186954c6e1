using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DataPlatform.Processor.Events;

/// <summary>
/// Source-generated serializers for the event and response models: no reflection at cold start,
/// and safe to trim.
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = false, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(SqsEvent))]
[JsonSerializable(typeof(BatchResponse))]
public sealed partial class ProcessorJson : JsonSerializerContext
{
    /// <summary>
    /// The SQS event escaped as the event source mapping escapes a body: a quote as \", other text
    /// as is (the default escaping writes \u0022 for every quote, a third more bytes than Lambda
    /// sends). For producing events the way Lambda delivers them, as the benchmark and tests do.
    /// </summary>
    public static ProcessorJson AsLambdaSends { get; } = new(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
