using System.Text.Json;
using DataPlatform.Infrastructure.Tests.Platform;
using DataPlatform.LocalRunner;
using DataPlatform.Processor.Configuration;

namespace DataPlatform.Infrastructure.Tests;

/// <summary>
/// Processor settings have one source of defaults, the processor's own: a setting no environment
/// sets is left off the function, and what the function and its mapping were deployed with is
/// read back from the compute stack, as the local drain reads it.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ProcessorConfigurationTests(PlatformFixture platform)
{
    private static readonly ProcessorSettings Defaults = new() { Bucket = "lake" };

    [Fact]
    public void A_processor_setting_no_environment_sets_is_left_off_the_function_so_the_processor_default_holds()
    {
        var function = Assert.Single(platform.ProdPlanDocument().OfType("aws_lambda_function"), f => f.String("function_name") == "dp-prod-processor");
        var environment = function.Block("environment")?.GetProperty("variables")
            ?? throw new InvalidOperationException($"{function} has no environment variables in the plan.");
        var variables = environment.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);

        // The function's timeout is always set: Lambda does not tell a container image its own.
        // LAKE_KMS_KEY_ARN is no processor default: it says which key the bucket encrypts with.
        Assert.Equal(["FUNCTION_TIMEOUT_SECONDS", "LAKE_BUCKET", "LAKE_KMS_KEY_ARN", "LAKE_PREFIX"], variables.Keys.Order(StringComparer.Ordinal));
        var settings = ProcessorSettings.FromVariables(variables);
        Assert.Equal(platform.ProdKmsKeyArn, settings.KmsKeyArn);
        Assert.Equal(Defaults with { Bucket = settings.Bucket, Prefix = settings.Prefix, KmsKeyArn = settings.KmsKeyArn, FunctionTimeout = TimeSpan.FromSeconds(60) }, settings);
    }

    [Fact]
    public void The_compute_stack_outputs_the_function_s_environment_and_the_mapping_as_deployed()
    {
        var compute = platform.LocalRun("compute").Outputs;
        Assert.True(compute.ContainsKey(DeployedProcessor.EnvironmentOutput), $"The compute stack has no {DeployedProcessor.EnvironmentOutput} output. {platform.StartupFailure}");

        var deployed = DeployedProcessor.FromOutputs(compute, "the compute stack's outputs");

        // local.tfvars sets quick batches (the local drain waits the window in real time); concurrency is modules/processor's default.
        Assert.Equal(100, deployed.BatchSize);
        Assert.Equal(TimeSpan.FromSeconds(5), deployed.BatchingWindow);
        Assert.Equal(5, deployed.MaximumConcurrency);
        var settings = deployed.Settings(new Dictionary<string, string?>());
        Assert.Equal(platform.LocalRun("storage").Outputs["lake_bucket"].GetString(), settings.Bucket);
        Assert.Equal(Defaults with { Bucket = settings.Bucket, FunctionTimeout = TimeSpan.FromSeconds(60) }, settings);
        Assert.DoesNotContain(ProcessorSettings.ZstdLevelVariable, deployed.Environment.Keys);
        Assert.Equal(JsonValueKind.Number, compute[DeployedProcessor.BatchSizeOutput].ValueKind);
    }
}
