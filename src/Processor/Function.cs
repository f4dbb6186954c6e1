using DataPlatform.Aws;
using DataPlatform.Processor.Configuration;
using DataPlatform.Processor.Telemetry;

namespace DataPlatform.Processor;

/// <summary>
/// The Lambda entry point: <c>Processor::DataPlatform.Processor.Function::Handle</c>. The runtime
/// constructs it once per execution environment, so configuration is read and validated here, at
/// cold start, and a bad variable fails the init with one sentence that names it.
/// </summary>
public sealed class Function
{
    public const string HandlerString = "Processor::DataPlatform.Processor.Function::Handle";

    private readonly BatchProcessor _processor;

    public Function()
        : this(LoadSettings())
    {
    }

    public Function(ProcessorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var log = JsonLog.Console(settings.LogLevel);
        // Lives as long as the execution environment: the runtime never disposes the function.
        var host = ProcessorHost.Create(settings, new AwsClients(ProcessorHost.EndpointFor(settings)), log, EmbeddedMetrics.Console());
        _processor = host.Processor;
        WarmUp.RunAsync(settings).GetAwaiter().GetResult();
        log.Information("Processor ready.",
            new LogField("bucket", settings.Bucket), new LogField("prefix", settings.Prefix),
            new LogField("compression", settings.Compression.ToString()), new LogField("zstdLevel", settings.ZstdLevel),
            new LogField("partitionTime", settings.PartitionTime.ToString()), new LogField("maxBodyBytes", settings.MaxBodyBytes),
            new LogField("timeoutSeconds", settings.FunctionTimeout?.TotalSeconds ?? 0),
            new LogField("budgetSeconds", settings.FunctionTimeout is { } timeout ? InvocationBudget.For(timeout).TotalSeconds : 0),
            new LogField("contracts", string.Join(",", settings.Contracts.All.Select(c => c.EventType))));
    }

    /// <summary>SQS event JSON in, partial batch response JSON (<c>{"batchItemFailures":[…]}</c>) out.</summary>
    public Stream Handle(Stream sqsEvent) =>
        // The Lambda runtime has no synchronization context, so blocking here cannot deadlock;
        // a synchronous signature keeps the handler contract to exactly Stream -> Stream.
        _processor.HandleAsync(sqsEvent).GetAwaiter().GetResult();

    private static ProcessorSettings LoadSettings()
    {
        try
        {
            return ProcessorSettings.FromEnvironment();
        }
        catch (ConfigurationException exception)
        {
            JsonLog.Console(LogLevel.Error).Error(exception.Message, new LogField("variable", exception.Variable));
            throw;
        }
    }
}
