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
/// (read back from the compute stack), so local batches are the deployed ones, and as the function's
/// execution role (the iam stack's output), so local permissions are the deployed ones. The caller has
/// read the compute and iam stacks' outputs, with the others it needs, so terraform output runs once per task.
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
        var role = context.Stacks.OutputsOf(StackCatalog.Iam).TryGetValue("processor_role_arn", out var arn) ? arn.GetString() : null;
        if (role is null)
        {
            throw new BuildFailedException("The iam stack has no processor_role_arn output, so the local runner cannot act as the function. Run ./build.sh --target=Deploy first.");
        }

        var processor = await new LocalEnvironment(context).ProcessorSessionAsync(context.Aws, role);
        var options = deployed.DrainOptions(queueUrl) with
        {
            UntilEmpty = true,
            WaitTime = TimeSpan.FromSeconds(1),
            // No early release of a failed batch: the processor's role may not change visibility
            // (Lambda never does either), so a failed message waits out the queue's visibility timeout
            // and is redelivered, or dead-lettered, exactly as on AWS.
            Timeout = timeout,
        };
        context.Log.Information(
            $"Playing the deployed mapping: batches of up to {options.BatchSize}, batching window {options.BatchingWindow.TotalSeconds:0} s, " +
            $"{options.Concurrency} at once.");
        using var mapping = LocalMapping.Create(settings, options, processor.Clients, log: Console.Error);
        return await mapping.DrainAsync();
    }
}
