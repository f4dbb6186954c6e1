using System.Text.Json;
using DataPlatform.Emulator;
using DataPlatform.LocalRunner;
using DataPlatform.Processor.Configuration;

namespace DataPlatform.Processor.Tests.Support;

/// <summary>
/// An outputs.json as the build's Outputs target writes it for a local environment (every value a
/// string, the function's environment as JSON text), in a temporary file deleted on dispose.
/// </summary>
public sealed class DeployedOutputs : IDisposable
{
    public DeployedOutputs(string bucket, string queueUrl, Uri endpoint, int batchSize, string prefix = "", int batchingWindowSeconds = 0,
        int maximumConcurrency = 2)
    {
        Values = new Dictionary<string, string>
        {
            ["environment"] = "local",
            ["region"] = EmulatorCredentials.Region,
            [DeployedProcessor.EndpointOutput] = endpoint.ToString().TrimEnd('/'),
            [DeployedProcessor.QueueUrlOutput] = queueUrl,
            ["lake_bucket"] = bucket,
            [DeployedProcessor.EnvironmentOutput] = JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["LAKE_BUCKET"] = bucket,
                ["LAKE_PREFIX"] = prefix,
                // The processor module always sets it, from the function's own timeout.
                [ProcessorSettings.FunctionTimeoutVariable] = FunctionTimeoutSeconds,
            }),
            [DeployedProcessor.BatchSizeOutput] = batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [DeployedProcessor.BatchingWindowOutput] = batchingWindowSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [DeployedProcessor.MaximumConcurrencyOutput] = maximumConcurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"outputs-{Guid.NewGuid():N}.json");
        File.WriteAllText(Path, JsonSerializer.Serialize(Values));
    }

    public const string FunctionTimeoutSeconds = "60";

    public Dictionary<string, string> Values { get; }

    public string Path { get; }

    public void Dispose() => File.Delete(Path);
}
