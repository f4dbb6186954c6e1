using DataPlatform.Processor.Configuration;
using DataPlatform.Processor.Lake;
using DataPlatform.Processor.Telemetry;

namespace DataPlatform.Processor.Tests.Support;

/// <summary>A processor over an in-memory lake, with its log captured for assertions.</summary>
public sealed class TestLake
{
    public TestLake(ProcessorSettings? settings = null, ILakeStore? store = null, TimeProvider? time = null)
    {
        Settings = settings ?? new ProcessorSettings { Bucket = "lake" };
        Memory = new InMemoryLakeStore();
        Log = new StringWriter();
        MetricsOutput = new StringWriter();
        Processor = new BatchProcessor(Settings, store ?? Memory, new JsonLog(Log, LogLevel.Information),
            new EmbeddedMetrics(MetricsOutput, "test-function"), time);
    }

    public ProcessorSettings Settings { get; }

    public InMemoryLakeStore Memory { get; }

    public StringWriter Log { get; }

    public StringWriter MetricsOutput { get; }

    public BatchProcessor Processor { get; }

    public Task<BatchOutcome> ProcessAsync(SqsEventBuilder events) => Processor.ProcessAsync(events.ToUtf8());
}
