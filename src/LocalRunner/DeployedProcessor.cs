using System.Globalization;
using System.Text.Json;
using DataPlatform.Processor.Configuration;

namespace DataPlatform.LocalRunner;

/// <summary>
/// The processor as it is deployed, read back from the compute stack's outputs (or the
/// <c>outputs.json</c> the build writes from them): the function's environment and its event
/// source mapping's batch size, batching window and concurrency. A local drain built from it
/// processes batches the way the deployed mapping would, with the settings the function runs with.
/// </summary>
public sealed record DeployedProcessor
{
    public const string EnvironmentOutput = "processor_environment";
    public const string BatchSizeOutput = "processor_batch_size";
    public const string BatchingWindowOutput = "processor_batching_window_seconds";
    public const string MaximumConcurrencyOutput = "processor_maximum_concurrency";
    public const string QueueUrlOutput = "ingest_queue_url";
    public const string RegionOutput = "region";
    public const string EndpointOutput = "aws_endpoint_url";

    /// <summary>The function's environment variables as deployed; a setting left unset is absent, so the processor's default holds.</summary>
    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    public required int BatchSize { get; init; }

    public required TimeSpan BatchingWindow { get; init; }

    public required int MaximumConcurrency { get; init; }

    /// <summary>The queue the mapping reads, when the outputs carry it (outputs.json does; the compute stack's own do not).</summary>
    public string? QueueUrl { get; init; }

    public string? Region { get; init; }

    /// <summary>The emulator the environment lives on; null on AWS.</summary>
    public string? EndpointUrl { get; init; }

    /// <summary>Reads <c>artifacts/&lt;env&gt;/outputs.json</c> as the Outputs target writes it.</summary>
    public static DeployedProcessor FromOutputsFile(string path)
    {
        Dictionary<string, JsonElement>? outputs;
        try
        {
            outputs = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(File.ReadAllText(path));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new ArgumentException(
                $"Could not read the deployed outputs from {path}: {exception.Message} " +
                "Pass the artifacts/<env>/outputs.json that ./build.sh --target=Outputs writes.", exception);
        }

        return FromOutputs(outputs ?? [], path);
    }

    /// <summary>
    /// Reads the outputs by name. Values may be JSON strings (outputs.json) or typed JSON (a
    /// stack's own outputs); <paramref name="source"/> names where they came from in errors.
    /// </summary>
    public static DeployedProcessor FromOutputs(IReadOnlyDictionary<string, JsonElement> outputs, string source)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var environment = Required(outputs, EnvironmentOutput, source);
        if (environment.ValueKind == JsonValueKind.String)
        {
            // outputs.json holds every value as a string; a map is its JSON text.
            environment = JsonDocument.Parse(environment.GetString()!).RootElement;
        }

        if (environment.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"{EnvironmentOutput} in {source} is not a map of variable names to values. Run ./build.sh --target=Outputs again.");
        }

        return new DeployedProcessor
        {
            Environment = environment.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString(), StringComparer.Ordinal),
            BatchSize = Integer(outputs, BatchSizeOutput, source),
            BatchingWindow = TimeSpan.FromSeconds(Integer(outputs, BatchingWindowOutput, source)),
            MaximumConcurrency = Integer(outputs, MaximumConcurrencyOutput, source),
            QueueUrl = Optional(outputs, QueueUrlOutput),
            Region = Optional(outputs, RegionOutput),
            EndpointUrl = Optional(outputs, EndpointOutput),
        };
    }

    /// <summary>
    /// The settings the function runs with, read exactly as it reads them; <paramref name="overrides"/>
    /// win where they are not null (a local caller supplies what differs on this machine: the endpoint, the region).
    /// </summary>
    public ProcessorSettings Settings(IReadOnlyDictionary<string, string?> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        return ProcessorSettings.FromVariables(name =>
            overrides.TryGetValue(name, out var value) && value is not null ? value : Environment.GetValueOrDefault(name));
    }

    /// <summary>How the mapping gathers batches, for a drain of <paramref name="queueUrl"/>; the caller adds when to stop.</summary>
    public DrainOptions DrainOptions(string queueUrl) => new()
    {
        QueueUrl = queueUrl,
        BatchSize = BatchSize,
        BatchingWindow = BatchingWindow,
        Concurrency = MaximumConcurrency,
    };

    private static JsonElement Required(IReadOnlyDictionary<string, JsonElement> outputs, string name, string source) =>
        outputs.TryGetValue(name, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
            ? value
            : throw new ArgumentException(
                $"{source} has no {name}, so the deployed processor's configuration is unknown. " +
                "The compute stack predates that output: run ./build.sh --target=Deploy for the environment, then Outputs.");

    private static string? Optional(IReadOnlyDictionary<string, JsonElement> outputs, string name) =>
        outputs.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int Integer(IReadOnlyDictionary<string, JsonElement> outputs, string name, string source)
    {
        var value = Required(outputs, name, source);
        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new ArgumentException($"{name} in {source} is '{text}', which is not a whole number. Run ./build.sh --target=Outputs again.");
    }
}
