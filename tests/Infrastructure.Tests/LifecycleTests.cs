using System.Text.Json;
using System.Text.RegularExpressions;
using DataPlatform.Deployment.Terraform;
using DataPlatform.Infrastructure.Tests.Platform;
using Xunit.Abstractions;

namespace DataPlatform.Infrastructure.Tests;

/// <summary>The real init → apply → no-change plan → destroy of every stack, in order, on moto.</summary>
[Collection(PlatformCollection.Name)]
public sealed class LifecycleTests(PlatformFixture platform, ITestOutputHelper output)
{
    public static TheoryData<string> Stacks() => [.. StackCatalog.All.Select(s => s.Name)];

    // The names the build and downstream stacks rely on (terraform/README.md, "Contract with the build").
    public static TheoryData<string, string[]> ContractOutputs() => new()
    {
        { "registry", ["repository_url", "repository_arn", "repository_name"] },
        { "storage", ["lake_bucket", "lake_bucket_arn", "ingest_queue_url", "ingest_queue_arn", "dead_letter_queue_url", "dead_letter_queue_arn"] },
        { "iam", ["processor_role_arn"] },
        { "compute", ["processor_function_name", "processor_function_arn", "log_group_name"] },
    };

    [Fact]
    public void The_emulator_and_the_cycle_started()
    {
        Assert.True(platform.StartupFailure is null, $"The fixture failed: {platform.StartupFailure}");
        output.WriteLine($"Fixture (apply, plans, destroy, prod and broken plans): {platform.Elapsed.TotalSeconds:0} s");
        foreach (var run in platform.Local)
        {
            output.WriteLine($"{run.Name,-9} init {Seconds(run.Init)}  apply {Seconds(run.Apply)}  no-change plan {Seconds(run.NoChangePlan)}  destroy {Seconds(run.Destroy)}");
        }

        foreach (var (stack, plan) in platform.ProdPlans)
        {
            output.WriteLine($"prod plan of {stack,-9} {Seconds(plan.Result)}");
        }

        output.WriteLine($"broken fixture plan {Seconds(platform.BrokenPlan.Result)}");
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Every_stack_applies(string stack)
    {
        var run = platform.LocalRun(stack);

        Assert.True(run.Apply is not null, run.Explain("apply"));
        Assert.True(run.Apply.ExitCode == 0, run.Apply.Describe());
        Assert.Contains("Apply complete!", run.Apply.Output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void A_second_plan_after_apply_shows_no_changes(string stack)
    {
        var run = platform.LocalRun(stack);

        Assert.True(run.NoChangePlan is not null, run.Explain("the no-change plan"));
        Assert.True(run.NoChangePlan.ExitCode == 0, $"-detailed-exitcode should be 0 (no changes): the stack does not converge. {run.NoChangePlan.Describe()}");
    }

    [Theory]
    [MemberData(nameof(ContractOutputs))]
    public void Every_stack_outputs_the_names_the_build_passes_on(string stack, string[] names)
    {
        var run = platform.LocalRun(stack);

        Assert.True(run.Output is { ExitCode: 0 }, run.Explain("outputs"));
        Assert.All(names, name =>
        {
            Assert.True(run.Outputs.TryGetValue(name, out var value), $"{stack} has no output {name}.");
            Assert.False(string.IsNullOrEmpty(value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()), $"{stack}'s output {name} is empty.");
        });
    }

    [Fact]
    public void Downstream_stacks_received_upstream_outputs_by_the_same_names()
    {
        var storage = platform.LocalRun("storage").Outputs;
        var iam = platform.LocalRun("iam");
        var compute = platform.LocalRun("compute");

        Assert.True(compute.Apply is { ExitCode: 0 }, compute.Explain("the inputs"));
        Assert.Equal(storage["ingest_queue_arn"].GetString(), iam.Inputs["ingest_queue_arn"]);
        Assert.Equal(storage["lake_bucket_arn"].GetString(), iam.Inputs["lake_bucket_arn"]);
        Assert.Equal(iam.Outputs["processor_role_arn"].GetString(), compute.Inputs["processor_role_arn"]);
        Assert.Equal(platform.LocalRun("registry").Outputs["repository_url"].GetString(), compute.Inputs["repository_url"]);
        Assert.StartsWith(compute.Inputs["repository_url"] + "@sha256:", platform.ImageUri, StringComparison.Ordinal);
        Assert.Equal(platform.ImageUri, compute.Outputs["processor_image_uri"].GetString());
    }

    [Fact]
    public void Resources_live_on_the_emulator_not_on_AWS()
    {
        var storage = platform.LocalRun("storage");

        Assert.True(storage.Output is { ExitCode: 0 }, storage.Explain("the queue URL"));
        Assert.StartsWith(platform.Endpoint.ToString().TrimEnd('/'), storage.Outputs["ingest_queue_url"].GetString(), StringComparison.Ordinal);
        Assert.Equal($"/aws/lambda/{platform.LocalRun("compute").Outputs["processor_function_name"].GetString()}", platform.LocalRun("compute").Outputs["log_group_name"].GetString());
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Destroy_in_reverse_order_leaves_no_state(string stack)
    {
        var run = platform.LocalRun(stack);

        Assert.True(run.Destroy is not null, run.Explain("destroy"));
        Assert.True(run.Destroy.ExitCode == 0, run.Destroy.Describe());
        Assert.True(run.StateAfterDestroy is { ExitCode: 0 }, run.StateAfterDestroy?.Describe() ?? "state list did not run");
        Assert.True(string.IsNullOrWhiteSpace(run.StateAfterDestroy!.StandardOutput), $"Left in state after destroy:\n{run.StateAfterDestroy.StandardOutput}");
    }

    [Theory]
    [InlineData("image by tag", "must reference the image by digest")]
    [InlineData("image from another repository", "is not in the registry stack's repository")]
    [InlineData("visibility under 6 x timeout", "less than 6 × the function timeout")]
    public void The_compute_stack_refuses_unsafe_inputs(string input, string message)
    {
        Assert.True(platform.RejectedComputePlans.TryGetValue(input, out var plan), $"The plan with {input} did not run. {platform.StartupFailure}");
        Assert.True(plan.ExitCode == 1, $"A plan with {input} must fail. {plan.Describe()}");
        // Terraform wraps diagnostics in a box; compare the words, not the layout.
        Assert.Contains(message, Regex.Replace(plan.Output, @"[\s│╷╵]+", " "), StringComparison.Ordinal);
    }

    private static string Seconds(Terraform.TerraformResult? result) =>
        result is null ? "   -  " : $"{result.Elapsed.TotalSeconds,5:0.0}s{(result.ExitCode is 0 ? "" : $" (exit {result.ExitCode})")}";
}
