using System.Text.Json.Serialization;

namespace DataPlatform.Processor.Events;

/// <summary>
/// The partial batch response (ReportBatchItemFailures): messages listed here stay on the queue,
/// every other message of the batch is deleted. An empty list means the whole batch succeeded.
/// </summary>
public sealed record BatchResponse([property: JsonPropertyName("batchItemFailures")] IReadOnlyList<BatchItemFailure> BatchItemFailures)
{
    public static BatchResponse Success { get; } = new([]);
}
