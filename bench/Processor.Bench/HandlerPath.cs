using DataPlatform.Contracts;
using DataPlatform.Processor.Configuration;
using DataPlatform.Processor.Lake;
using DataPlatform.Processor.Telemetry;

namespace DataPlatform.Processor.Bench;

/// <summary>Our side: the full handler path (SQS event JSON in, Parquet bytes out to memory).</summary>
public sealed class HandlerPath
{
    private readonly BatchProcessor _processor;

    public HandlerPath(int maxConcurrency, ContractSet? contracts = null)
    {
        Store = new InMemoryLakeStore { KeepContent = false };
        var settings = new ProcessorSettings { Bucket = "bench-lake", Contracts = contracts ?? ContractSet.Empty };
        _processor = new BatchProcessor(settings, Store, new JsonLog(TextWriter.Null, LogLevel.None))
        {
            MaxConcurrency = maxConcurrency,
        };
    }

    public InMemoryLakeStore Store { get; }

    /// <summary>One batch; a batch that did not land whole stops the benchmark rather than time a failure.</summary>
    public BatchOutcome Run(byte[] sqsEvent)
    {
        var outcome = _processor.ProcessAsync(sqsEvent).GetAwaiter().GetResult();
        var metrics = outcome.Metrics;
        if (metrics.EventsAccepted != metrics.Messages || metrics.MessagesFailed > 0)
        {
            throw new InvalidOperationException(
                $"The handler accepted {metrics.EventsAccepted} of {metrics.Messages} events ({metrics.EventsQuarantined} quarantined, " +
                $"{metrics.MessagesFailed} failed): every synthetic event must land, or the figures measure a failure.");
        }

        return outcome;
    }
}
