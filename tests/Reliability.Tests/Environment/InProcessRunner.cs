using DataPlatform.LocalRunner;

namespace DataPlatform.Reliability.Tests.Environment;

/// <summary>The real local runner in this process, on moto or on a fault proxy in front of it.</summary>
public static class InProcessRunner
{
    public static async Task<DrainSummary> DrainAsync(DeployedEnvironment environment, Uri? endpoint = null, int batchSize = 100,
        TimeSpan? timeout = null, TextWriter? log = null, int? maxMessages = null, TimeSpan? batchingWindow = null)
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
        using var mapping = LocalMapping.Create(environment.Settings(endpoint), options, environment.Clients(endpoint), progress: null, log: log);
        return await mapping.DrainAsync();
    }
}
