using DataPlatform.Processor.Configuration;
using DataPlatform.Processor.Lake;
using DataPlatform.Processor.Telemetry;

namespace DataPlatform.Processor.Bench;

/// <summary>Our side: the full handler path (SQS event JSON in, Parquet bytes out to memory).</summary>
public sealed class HandlerPath
{
    private readonly BatchProcessor _processor;

    public HandlerPath(int maxConcurrency)
    {
        Store = new InMemoryLakeStore { KeepContent = false };
        _processor = new BatchProcessor(new ProcessorSettings { Bucket = "bench-lake" }, Store, new JsonLog(TextWriter.Null, LogLevel.None))
        {
            MaxConcurrency = maxConcurrency,
        };
    }

    public InMemoryLakeStore Store { get; }

    public BatchOutcome Run(byte[] sqsEvent) => _processor.ProcessAsync(sqsEvent).GetAwaiter().GetResult();
}
