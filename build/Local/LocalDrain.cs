using DataPlatform.Build.Host;
using DataPlatform.Deployment.Terraform;
using DataPlatform.LocalRunner;
using DataPlatform.Processor.Configuration;
using LogLevel = DataPlatform.Processor.Configuration.LogLevel;

namespace DataPlatform.Build.Local;

/// <summary>
/// The local runner, in this process: the emulator cannot run the container function, so the
/// build plays the event source mapping over the ingest queue with the same handler code, the
/// function's deployed settings and its mapping's batch size, batching window and concurrency
/// (read back from the compute stack), so local batches are the deployed ones. The caller has read the
/// compute stack's outputs, with the others it needs, so terraform output runs once per task.
/// </summary>
public static class LocalDrain
{
    public static async Task<DrainSummary> RunAsync(BuildContext context, string queueUrl, TimeSpan timeout)
    {
        DeployedProcessor deployed;
        try
        {
            deployed = DeployedProcessor.FromOutputs(context.Stacks.OutputsOf(StackCatalog.Compute), "the compute stack's outputs");
        }
        catch (ArgumentException exception)
        {
            throw new BuildFailedException(exception.Message);
        }


        var settings = deployed.Settings(new Dictionary<string, string?>
        {
            [ProcessorSettings.RegionVariable] = context.Aws.Region,
            [ProcessorSettings.EndpointVariable] = context.Aws.Endpoint?.ToString(),
            // The contracts the image carries are the repository's: enforce the same ones here.
            [ProcessorSettings.ContractsVariable] = Path.Combine(context.RepositoryRoot, "contracts"),
        }) with
        {
            // Only what the build prints: the log level changes no batch.
            LogLevel = LogLevel.Warning,
        };
        var options = deployed.DrainOptions(queueUrl) with
        {
            UntilEmpty = true,
            WaitTime = TimeSpan.FromSeconds(1),
            FailedVisibilityTimeout = TimeSpan.Zero,
            Timeout = timeout,
        };
        context.Log.Information(
            $"Playing the deployed mapping: batches of up to {options.BatchSize}, batching window {options.BatchingWindow.TotalSeconds:0} s, " +
            $"{options.Concurrency} at once.");
        using var mapping = LocalMapping.Create(settings, options, context.Aws.Clients, log: Console.Error);
        return await mapping.DrainAsync();
    }
}
