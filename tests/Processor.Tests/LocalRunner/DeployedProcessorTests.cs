using System.Text.Json;
using DataPlatform.LocalRunner;
using DataPlatform.Processor.Configuration;
using DataPlatform.Processor.Tests.Support;

namespace DataPlatform.Processor.Tests.LocalRunner;

public sealed class DeployedProcessorTests
{
    private static readonly Uri Emulator = new("http://127.0.0.1:5000");

    [Fact]
    public void Outputs_json_gives_the_mapping_s_batching_and_the_function_s_settings()
    {
        using var outputs = new DeployedOutputs("lake", "http://q", Emulator, batchSize: 7, prefix: "raw/", batchingWindowSeconds: 4, maximumConcurrency: 3);

        var deployed = DeployedProcessor.FromOutputsFile(outputs.Path);
        var options = deployed.DrainOptions(deployed.QueueUrl!);
        var settings = deployed.Settings(new Dictionary<string, string?>());

        Assert.Equal("http://q", options.QueueUrl);
        Assert.Equal(7, options.BatchSize);
        Assert.Equal(TimeSpan.FromSeconds(4), options.BatchingWindow);
        Assert.Equal(3, options.Concurrency);
        Assert.Equal("lake", settings.Bucket);
        Assert.Equal("raw/", settings.Prefix);
        // A local drain keeps the deployed function's deadline.
        Assert.Equal(TimeSpan.FromSeconds(60), settings.FunctionTimeout);
        Assert.Equal("http://127.0.0.1:5000", deployed.EndpointUrl);
    }

    [Fact]
    public void A_stack_s_typed_outputs_read_the_same_as_outputs_json()
    {
        // terraform output -json: numbers are numbers and the environment is a map.
        using var document = JsonDocument.Parse("""
            {
              "processor_environment": {"LAKE_BUCKET": "lake", "PARQUET_COMPRESSION": "snappy"},
              "processor_batch_size": 100,
              "processor_batching_window_seconds": 5,
              "processor_maximum_concurrency": 5
            }
            """);
        var outputs = document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());

        var deployed = DeployedProcessor.FromOutputs(outputs, "the compute stack's outputs");

        Assert.Equal(100, deployed.BatchSize);
        Assert.Equal(TimeSpan.FromSeconds(5), deployed.BatchingWindow);
        Assert.Equal(5, deployed.MaximumConcurrency);
        Assert.Equal(ParquetCompression.Snappy, deployed.Settings(new Dictionary<string, string?>()).Compression);
        Assert.Null(deployed.QueueUrl);
    }

    [Fact]
    public void A_setting_the_function_does_not_carry_is_the_processor_s_default()
    {
        using var outputs = new DeployedOutputs("lake", "http://q", Emulator, batchSize: 10);

        var settings = DeployedProcessor.FromOutputsFile(outputs.Path).Settings(new Dictionary<string, string?>());
        var defaults = new ProcessorSettings { Bucket = "lake" };

        Assert.Equal(defaults.ZstdLevel, settings.ZstdLevel);
        Assert.Equal(defaults.Compression, settings.Compression);
        Assert.Equal(defaults.PartitionTime, settings.PartitionTime);
        Assert.Equal(defaults.MaxBodyBytes, settings.MaxBodyBytes);
        Assert.Equal(defaults.LogLevel, settings.LogLevel);
    }

    [Fact]
    public void Overrides_win_but_a_null_override_leaves_the_deployed_value()
    {
        using var outputs = new DeployedOutputs("lake", "http://q", Emulator, batchSize: 10, prefix: "raw/");

        var settings = DeployedProcessor.FromOutputsFile(outputs.Path).Settings(new Dictionary<string, string?>
        {
            [ProcessorSettings.BucketVariable] = "other-lake",
            [ProcessorSettings.PrefixVariable] = null,
        });

        Assert.Equal("other-lake", settings.Bucket);
        Assert.Equal("raw/", settings.Prefix);
    }

    [Fact]
    public void Flags_win_over_the_deployed_mapping()
    {
        using var outputs = new DeployedOutputs("lake", "http://q", Emulator, batchSize: 7, batchingWindowSeconds: 4, maximumConcurrency: 3);
        var deployed = DeployedProcessor.FromOutputsFile(outputs.Path);

        var options = RunnerCommandLine.Parse(["--batch-size", "50", "--until-empty"], _ => null).ToDrainOptions(deployed);

        Assert.Equal("http://q", options.QueueUrl);
        Assert.Equal(50, options.BatchSize);
        Assert.Equal(TimeSpan.FromSeconds(4), options.BatchingWindow);
        Assert.Equal(3, options.Concurrency);
        Assert.True(options.UntilEmpty);
    }

    [Fact]
    public void Outputs_from_before_the_mapping_was_an_output_are_refused_with_what_to_do()
    {
        using var outputs = new DeployedOutputs("lake", "http://q", Emulator, batchSize: 7);
        outputs.Values.Remove(DeployedProcessor.BatchSizeOutput);
        File.WriteAllText(outputs.Path, JsonSerializer.Serialize(outputs.Values));

        var exception = Assert.Throws<ArgumentException>(() => DeployedProcessor.FromOutputsFile(outputs.Path));

        Assert.Contains(DeployedProcessor.BatchSizeOutput, exception.Message, StringComparison.Ordinal);
        Assert.Contains("--target=Deploy", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1_001)]
    public void Concurrency_outside_what_a_mapping_runs_is_refused(int concurrency)
    {
        var options = new DrainOptions { QueueUrl = "http://q", Concurrency = concurrency };

        var exception = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains("1 to 1000", exception.Message, StringComparison.Ordinal);
    }
}
