using System.Text.Json;
using System.Text.RegularExpressions;
using DataPlatform.Deployment.Environments;
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
        Assert.True(platform.LocalFailure is null, $"The local cycle failed: {platform.LocalFailure?.Message}\n{platform.LocalLog.Pipeline()}");
        output.WriteLine($"Fixture (apply, plans, destroy, prod and broken plans): {platform.Elapsed.TotalSeconds:0} s");
        foreach (var run in platform.Local)
        {
            output.WriteLine($"{run.Name,-9} plan {Seconds(run.Applied)}  no-change plan {Seconds(run.NoChangePlan)}");
        }

        output.WriteLine(platform.LocalLog.Pipeline());
        output.WriteLine($"broken fixture plan {platform.BrokenPlan.Result?.Elapsed.TotalSeconds:0.0} s");
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Every_stack_applies(string stack)
    {
        var run = platform.LocalRun(stack);

        Assert.True(run.Applied is not null, run.Explain("apply", platform.LocalFailure));
        Assert.True(run.Applied.HasChanges, $"{stack}: the first plan on an empty emulator should create resources.\n{run.Log}");
        Assert.Contains("Apply complete!", run.Log, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void A_second_plan_after_apply_shows_no_changes(string stack)
    {
        var run = platform.LocalRun(stack);

        Assert.True(run.NoChangePlan is not null, run.Explain("the no-change plan", platform.LocalFailure));
        Assert.True(
            !run.NoChangePlan.HasChanges,
            $"The second plan should show no changes: the stack does not converge. It plans {run.NoChangePlan.Summary}: " +
            $"{string.Join(", ", run.NoChangePlan.Changes.Select(c => $"{c.Action} {c.Address}"))}");
    }

    [Theory]
    [MemberData(nameof(ContractOutputs))]
    public void Every_stack_outputs_the_names_the_build_passes_on(string stack, string[] names)
    {
        var run = platform.LocalRun(stack);

        Assert.True(run.Applied is not null, run.Explain("outputs", platform.LocalFailure));
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

        Assert.True(compute.Applied is not null, compute.Explain("the inputs", platform.LocalFailure));
        Assert.Equal(storage["ingest_queue_arn"].GetString(), iam.Inputs["ingest_queue_arn"].GetString());
        Assert.Equal(storage["lake_bucket_arn"].GetString(), iam.Inputs["lake_bucket_arn"].GetString());
        Assert.Equal(iam.Outputs["processor_role_arn"].GetString(), compute.Inputs["processor_role_arn"].GetString());
        Assert.Equal(platform.LocalRun("registry").Outputs["repository_url"].GetString(), compute.Inputs["repository_url"].GetString());
        Assert.StartsWith(compute.Inputs["repository_url"].GetString() + "@sha256:", platform.ImageUri, StringComparison.Ordinal);
        Assert.Equal(platform.ImageUri, compute.Outputs["processor_image_uri"].GetString());
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Each_stack_gets_only_the_variables_it_declares_with_the_environment_values_among_them(string stack)
    {
        var run = platform.LocalRun(stack);

        Assert.True(run.Applied is not null, run.Explain("the inputs", platform.LocalFailure));
        var declared = TerraformDeclarations.Variables(Terraform.RepositoryLayout.StackDirectory(stack));
        Assert.All(run.Inputs.Keys, name => Assert.Contains(name, declared));
        Assert.Equal("local", run.Inputs["environment"].GetString());
        Assert.Equal("dp-local", run.Inputs["name_prefix"].GetString());
        Assert.Equal(platform.Endpoint.ToString().TrimEnd('/'), run.Inputs["aws_endpoint_url"].GetString());
        Assert.False(run.Inputs.ContainsKey(EnvironmentSettings.EmbeddedEmulatorKey), "The build-only key must not reach a stack.");
    }

    [Fact]
    public void Resources_live_on_the_emulator_not_on_AWS()
    {
        var storage = platform.LocalRun("storage");

        Assert.True(storage.Applied is not null, storage.Explain("the queue URL", platform.LocalFailure));
        Assert.StartsWith(platform.Endpoint.ToString().TrimEnd('/'), storage.Outputs["ingest_queue_url"].GetString(), StringComparison.Ordinal);
        Assert.Equal($"/aws/lambda/{platform.LocalRun("compute").Outputs["processor_function_name"].GetString()}", platform.LocalRun("compute").Outputs["log_group_name"].GetString());
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Destroy_in_reverse_order_leaves_no_state(string stack)
    {
        var run = platform.LocalRun(stack);

        Assert.True(run.Destroyed, run.Explain("destroy", platform.LocalFailure));
        Assert.True(run.StateAfterDestroy is not null, run.Explain("state list after the destroy", platform.LocalFailure));
        Assert.True(run.StateAfterDestroy.Count == 0, $"Left in state after destroy:\n{string.Join('\n', run.StateAfterDestroy)}");
    }

    [Fact]
    public void Nothing_is_written_into_the_source_tree()
    {
        Assert.True(platform.StartupFailure is null, $"The fixture failed: {platform.StartupFailure}");
        Assert.True(platform.SourceTreeChanges.Count == 0, $"A run changed terraform/:\n{string.Join('\n', platform.SourceTreeChanges)}");
    }

    [Fact]
    public void Two_environments_run_at_once_each_in_its_own_copy_of_the_code()
    {
        // local applied and prod planned side by side against one emulator; before, prod's plans
        // borrowed the backend override that local wrote into the source tree.
        Assert.True(platform.LocalFailure is null, $"local failed: {platform.LocalFailure?.Message}");
        Assert.True(platform.ProdFailure is null, $"prod failed: {platform.ProdFailure?.Message}");
        Assert.Equal(StackCatalog.All.Count, platform.ProdPlans.Count);
        Assert.NotEqual(platform.WorkingCopies["local"], platform.WorkingCopies["prod"]);
        Assert.All(platform.WorkingCopies.Values, copy => Assert.StartsWith(platform.StateRoot, copy, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("image by tag", "must reference the image by digest")]
    [InlineData("image from another repository", "is not in the registry stack's repository")]
    [InlineData("visibility under 6 x timeout", "less than 6 × the function timeout")]
    public void The_compute_stack_refuses_unsafe_inputs(string input, string message)
    {
        Assert.True(platform.RejectedComputePlans.TryGetValue(input, out var refusal), $"The plan with {input} did not run. {platform.ProdFailure ?? platform.StartupFailure}");
        Assert.True(refusal is not null, $"A plan with {input} must fail.\n{platform.ProdLog.Of("compute")}");
        // Diagnostics may wrap; compare the words, not the layout.
        Assert.Contains(message, Regex.Replace(refusal, @"[\s│╷╵]+", " "), StringComparison.Ordinal);
    }

    private static string Seconds(PlanResult? plan) =>
        plan is null ? "   -  " : $"{plan.Duration.TotalSeconds,5:0.0}s {plan.Summary}";
}
