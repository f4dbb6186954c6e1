using DataPlatform.LocalRunner;

namespace DataPlatform.Reliability.Tests.Environment;

/// <summary>The real local runner in this process, on moto or on a fault proxy in front of it.</summary>
public static class InProcessRunner
{
    public static async Task<DrainSummary> DrainAsync(DeployedEnvironment environment, Uri? endpoint = null, int batchSize = 100,
        TimeSpan? timeout = null, TextWriter? log = null, int? maxMessages = null, TimeSpan? batchingWindow = null, TimeSpan? functionTimeout = null)
    {
        var options = new DrainOptions
        {
            QueueUrl = environment.QueueUrl,
            BatchSize = batchSize,
            // With a message budget the runner keeps polling while producers are still sending.
            UntilEmpty = maxMessages is null,
            MaxMessages = maxMessages,
            BatchingWindow = batchingWindow ?? TimeSpan.Zero,
            WaitTime = TimeSpan.FromSeconds(1),
            // Failed messages come back at once: the scenarios measure redelivery, not waiting.
            FailedVisibilityTimeout = TimeSpan.Zero,
            Timeout = timeout ?? TimeSpan.FromMinutes(5),
        };
        // With a function timeout, each batch runs on the deadline the deployed function has.
        var settings = environment.Settings(endpoint) with { FunctionTimeout = functionTimeout };
        using var mapping = LocalMapping.Create(settings, options, environment.Clients(endpoint), progress: null, log: log);
        return await mapping.DrainAsync();
    }
}
