using DataPlatform.Processor.Events;
using DataPlatform.Processor.Telemetry;

namespace DataPlatform.Processor;

/// <summary>What a batch did: the response for the queue, plus counts and keys for callers and tests.</summary>
public sealed record BatchOutcome(BatchResponse Response, BatchMetrics Metrics, IReadOnlyList<string> ObjectKeys);
