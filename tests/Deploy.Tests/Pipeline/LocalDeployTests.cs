using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace DataPlatform.Deploy.Tests.Pipeline;

[Collection(LocalLifecycleCollection.Name)]
public sealed class LocalDeployTests(LocalLifecycle lifecycle, ITestOutputHelper output)
{
    private static readonly string[] Stacks = ["registry", "storage", "iam", "compute"];

    [Fact]
    public void The_first_deploy_applies_every_stack_in_order_and_succeeds()
    {
        var run = lifecycle.FirstDeploy;
        output.WriteLine($"first deploy: {run.Duration.TotalSeconds:0.0} s");

        Assert.True(run.ExitCode == 0, run.ToString());
        var applied = Stacks.Select(s => run.Output.IndexOf($"{s}: applied", StringComparison.Ordinal)).ToList();
        Assert.All(applied, position => Assert.True(position >= 0, run.Output));
        Assert.Equal(applied.Order(), applied);
        // A fresh state folder: the processor's tests ran (the second deploy skips them on the same source).
        Assert.Matches(@"Passed!\s+- Failed:\s+0", run.Output);
        Assert.DoesNotContain("not run again", run.Output);
    }

    [Fact]
    public void The_deploy_writes_the_flat_outputs_including_the_emulator_endpoint()
    {
        foreach (var key in new[] { "lake_bucket", "ingest_queue_url", "dead_letter_queue_url", "ecr_repository_url",
                     "processor_function_name", "processor_image_uri", "aws_endpoint_url" })
        {
            Assert.True(lifecycle.Outputs.ContainsKey(key), $"outputs.json has no {key}: {string.Join(", ", lifecycle.Outputs.Keys)}");
        }

        Assert.Matches(@"@sha256:[0-9a-f]{64}$", lifecycle.Outputs["processor_image_uri"]);
        Assert.StartsWith(lifecycle.Outputs["ecr_repository_url"] + "@", lifecycle.Outputs["processor_image_uri"]);
        Assert.Matches(@"^http://127\.0\.0\.1:\d+$", lifecycle.Outputs["aws_endpoint_url"]);
    }

    [Fact]
    public void The_deploy_ends_with_every_canary_read_back_from_the_lake()
    {
        Assert.Contains("Verify: all 5 canaries are rows in the lake", lifecycle.FirstDeploy.Output);
        Assert.Contains("Verify: all 5 canaries are rows in the lake", lifecycle.SecondDeploy.Output);

        // Found beside the events table, not in it: analysts' queries over events/ never see them.
        Assert.Matches(@"waiting for them in s3://\S+/canaries/event_type=_canary/", lifecycle.FirstDeploy.Output);
    }

    [Fact]
    public void A_second_deploy_reuses_the_emulator_and_the_image_and_changes_nothing()
    {
        var run = lifecycle.SecondDeploy;
        output.WriteLine($"second deploy: {run.Duration.TotalSeconds:0.0} s = {run.Duration / lifecycle.FirstDeploy.Duration:0.00} of the first");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Local environment: reusing the emulator", run.Output);
        Assert.Contains("reusing it, nothing to build or push", run.Output);
        Assert.Contains("Processor tests: passed at", run.Output);
        Assert.Contains("on this same source", run.Output);
        foreach (var stack in Stacks)
        {
            Assert.Contains($"{stack}: no changes.", run.Output);
        }

        Assert.DoesNotMatch(new Regex(@": applied \+"), run.Output);
    }

    [Fact]
    public void Destroy_refuses_while_the_lake_holds_data_and_touches_nothing()
    {
        var run = lifecycle.RefusedDestroy;

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("holds data", run.Output);
        Assert.Contains("--force-destroy-data", run.Output);
        Assert.DoesNotContain("destroying", run.Output);
    }

    [Fact]
    public void Destroy_with_the_flag_leaves_nothing_in_the_emulator()
    {
        var run = lifecycle.Destroy;
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("DELETING EVERY OBJECT VERSION", run.Output);

        Assert.NotEmpty(lifecycle.LeftAfterDestroy);
        foreach (var (service, left) in lifecycle.LeftAfterDestroy)
        {
            Assert.True(left is "" or "None", $"{service} still holds: {left}");
        }
    }

    [Fact]
    public void Down_stops_the_emulator_the_build_started()
    {
        Assert.True(lifecycle.Down.ExitCode == 0, lifecycle.Down.ToString());
        Assert.True(lifecycle.EmulatorAliveBeforeDown);
        Assert.False(lifecycle.EmulatorAliveAfterDown);
    }
}
