using Amazon.Runtime;
using DataPlatform.Aws;
using DataPlatform.Processor;
using DataPlatform.Processor.Configuration;

namespace DataPlatform.LocalRunner;

/// <summary>
/// The runner's command line: reads the flags (and a deployed environment's outputs), then drains
/// through <see cref="LocalMapping"/>, the wiring the build's drain and the tests use too.
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

            var deployed = commandLine.Outputs is { } outputs ? DeployedProcessor.FromOutputsFile(outputs) : null;
            settings = Settings(commandLine, deployed);
            options = commandLine.ToDrainOptions(deployed);
            options.Validate();
        }
        catch (Exception exception) when (exception is ArgumentException or ConfigurationException)
        {
            await error.WriteLineAsync($"local-runner: {exception.Message}").ConfigureAwait(false);
            return DrainSummary.ExitUsage;
        }

        try
        {
            // The SDK's default chain signs, as in the function: keys come from the environment or a profile.
            using var mapping = LocalMapping.Create(settings, options, new AwsClients(ProcessorHost.EndpointFor(settings)),
                commandLine.Quiet ? null : output, error);
            var summary = await mapping.DrainAsync(cancellationToken).ConfigureAwait(false);
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

    private static ProcessorSettings Settings(RunnerCommandLine commandLine, DeployedProcessor? deployed)
    {
        // Flags (and their environment variables) win over the deployed function's settings; everything
        // else is read exactly as the function reads it.
        var endpoint = commandLine.EndpointUrl ?? deployed?.EndpointUrl;
        var overrides = new Dictionary<string, string?>
        {
            [ProcessorSettings.BucketVariable] = commandLine.Bucket,
            [ProcessorSettings.PrefixVariable] = commandLine.Prefix,
            [ProcessorSettings.EndpointVariable] = endpoint,
            [ProcessorSettings.RegionVariable] = commandLine.Region ?? deployed?.Region ?? (endpoint is not null ? DefaultLocalRegion : null),
            // The image's contracts are not on this machine's path: CONTRACTS_DIR names the repository's.
            [ProcessorSettings.ContractsVariable] = Environment.GetEnvironmentVariable(ProcessorSettings.ContractsVariable),
        };

        return deployed is not null
            ? deployed.Settings(overrides)
            : ProcessorSettings.FromVariables(name =>
                overrides.TryGetValue(name, out var value) ? value : Environment.GetEnvironmentVariable(name));
    }
}
