using Amazon.SQS;
using DataPlatform.Aws;
using DataPlatform.Processor;
using DataPlatform.Processor.Configuration;
using DataPlatform.Processor.Telemetry;

namespace DataPlatform.LocalRunner;

/// <summary>
/// The event source mapping, played in this process: the processor as the Lambda function builds
/// it (<see cref="ProcessorHost"/>) and a drainer on an SQS client from the same
/// <see cref="AwsClients"/>. The runner's command line, the build's drain and the tests all start
/// here, so they share one wiring.
/// </summary>
public sealed class LocalMapping : IDisposable
{
    private readonly AmazonSQSClient _sqs;

    private LocalMapping(ProcessorHost host, AmazonSQSClient sqs, QueueDrainer drainer)
    {
        Host = host;
        _sqs = sqs;
        Drainer = drainer;
    }

    public ProcessorHost Host { get; }

    public IAmazonSQS Sqs => _sqs;

    public QueueDrainer Drainer { get; }

    /// <summary>
    /// <paramref name="progress"/> gets a line per batch; <paramref name="log"/> gets the processor's
    /// JSON log at the settings' level (null: no log).
    /// </summary>
    public static LocalMapping Create(ProcessorSettings settings, DrainOptions options, AwsClients clients,
        TextWriter? progress = null, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clients);
        var host = ProcessorHost.Create(settings, clients, new JsonLog(log ?? TextWriter.Null, settings.LogLevel));
        var sqs = clients.CreateSqs();
        return new LocalMapping(host, sqs, new QueueDrainer(sqs, host.Processor, options, progress));
    }

    public Task<DrainSummary> DrainAsync(CancellationToken cancellationToken = default) => Drainer.DrainAsync(cancellationToken);

    public void Dispose()
    {
        _sqs.Dispose();
        Host.Dispose();
    }
}
