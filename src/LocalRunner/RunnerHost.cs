using Amazon;
using Amazon.Runtime;
using Amazon.SQS;
using DataPlatform.Processor;
using DataPlatform.Processor.Configuration;
using DataPlatform.Processor.Lake;
using DataPlatform.Processor.Telemetry;

namespace DataPlatform.LocalRunner;

/// <summary>
/// Wires a drain from a command line: the processor exactly as the Lambda function builds it,
/// and an SQS client on the same endpoint. The build calls <see cref="RunAsync"/> in process.
/// </summary>
public static class RunnerHost
{
    public const string DefaultLocalRegion = "us-east-1";

    /// <summary>Runs a drain and returns the process exit code; usage errors are written to <paramref name="error"/>.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        RunnerCommandLine commandLine;
        ProcessorSettings settings;
        DrainOptions options;
        try
        {
            commandLine = RunnerCommandLine.Parse(args);
            if (commandLine.Help)
            {
                await output.WriteLineAsync(RunnerCommandLine.Usage).ConfigureAwait(false);
                return DrainSummary.ExitSuccess;
            }

            settings = Settings(commandLine);
            options = commandLine.ToDrainOptions();
            options.Validate();
        }
        catch (Exception exception) when (exception is ArgumentException or ConfigurationException)
        {
            await error.WriteLineAsync($"local-runner: {exception.Message}").ConfigureAwait(false);
            return DrainSummary.ExitUsage;
        }

        try
        {
            var (drainer, sqs) = CreateDrainer(settings, options, commandLine.Quiet ? null : output, error);
            using var _ = sqs;
            var summary = await drainer.DrainAsync(cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"drain: {summary}").ConfigureAwait(false);
            return summary.ExitCode;
        }
        catch (Exception exception) when (exception is AmazonServiceException or HttpRequestException or AmazonClientException)
        {
            await error.WriteLineAsync(
                $"local-runner: could not drain {options.QueueUrl}: {exception.Message} " +
                "Check that the endpoint is up and that the queue and bucket exist (deploy the local environment first).").ConfigureAwait(false);
            return DrainSummary.ExitError;
        }
    }

    /// <summary>
    /// A drainer wired as the command line wires it: the processor as the Lambda function builds
    /// it (S3 store, JSON log to <paramref name="log"/>) and an SQS client on the same endpoint.
    /// Pass <paramref name="credentials"/> to use explicit keys (e.g. the emulator's) instead of
    /// the SDK's default chain. Dispose the returned SQS client when done.
    /// </summary>
    public static (QueueDrainer Drainer, IAmazonSQS Sqs) CreateDrainer(
        ProcessorSettings settings, DrainOptions options, TextWriter? progress = null, TextWriter? log = null, AWSCredentials? credentials = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(options);
        var sqs = CreateSqsClient(settings, credentials);
        var processor = new BatchProcessor(settings, new S3LakeStore(S3ClientFactory.Create(settings, credentials), settings.Bucket),
            new JsonLog(log ?? TextWriter.Null, settings.LogLevel));
        return (new QueueDrainer(sqs, processor, options, progress), sqs);
    }

    public static IAmazonSQS CreateSqsClient(ProcessorSettings settings, AWSCredentials? credentials = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var config = new AmazonSQSConfig();
        if (settings.Region is { } region)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        if (settings.Endpoint is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
            config.AuthenticationRegion = settings.Region ?? DefaultLocalRegion;
        }

        return credentials is null ? new AmazonSQSClient(config) : new AmazonSQSClient(credentials, config);
    }

    private static ProcessorSettings Settings(RunnerCommandLine commandLine)
    {
        // Flags win over the environment; everything else is read exactly as the function reads it.
        var overrides = new Dictionary<string, string?>
        {
            [ProcessorSettings.BucketVariable] = commandLine.Bucket,
            [ProcessorSettings.PrefixVariable] = commandLine.Prefix,
            [ProcessorSettings.EndpointVariable] = commandLine.EndpointUrl,
            [ProcessorSettings.RegionVariable] = commandLine.Region
                ?? (commandLine.EndpointUrl is not null ? DefaultLocalRegion : null),
        };

        return ProcessorSettings.FromVariables(name =>
            overrides.TryGetValue(name, out var value) ? value : Environment.GetEnvironmentVariable(name));
    }
}
