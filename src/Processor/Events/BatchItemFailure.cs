using System.Text.Json.Serialization;

namespace DataPlatform.Processor.Events;

/// <summary>One message the queue must redeliver, named by its SQS message id.</summary>
public sealed record BatchItemFailure([property: JsonPropertyName("itemIdentifier")] string ItemIdentifier);
