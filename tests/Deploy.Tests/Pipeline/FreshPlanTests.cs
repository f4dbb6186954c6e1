namespace DataPlatform.Deploy.Tests.Pipeline;

/// <summary>Issue 16: the dry run works before anything is deployed, and after only part of it is.</summary>
[Collection(FreshPlanCollection.Name)]
public sealed class FreshPlanTests(FreshPlan run)
{
    private static readonly string[] Stacks = ["registry", "storage", "iam", "compute"];

    [Fact]
    public void A_fresh_environment_plans_all_four_stacks()
    {
        Assert.True(run.FirstPlan.ExitCode == 0, run.FirstPlan.ToString());
        Assert.All(Stacks, stack => Assert.Matches(@"^\+\d+ ~0 -0$", FreshPlan.Row(run.FirstSummary, stack)[0]));
        Assert.DoesNotContain("Build failed", run.FirstPlan.Output);
    }

    [Fact]
    public void Stacks_whose_upstream_is_not_applied_name_their_placeholder_inputs()
    {
        Assert.Equal("", FreshPlan.Row(run.FirstSummary, "registry")[2]);
        // The environment's KMS key comes from the registry stack (issue 13): storage waits on it too.
        Assert.Equal("kms_key_arn", FreshPlan.Row(run.FirstSummary, "storage")[2]);
        var iam = FreshPlan.Row(run.FirstSummary, "iam")[2];
        Assert.Contains("ingest_queue_arn", iam);
        Assert.Contains("kms_key_arn", iam);
        var compute = FreshPlan.Row(run.FirstSummary, "compute")[2];
        Assert.Contains("repository_url", compute);
        Assert.Contains("processor_role_arn", compute);
        Assert.Contains("image_uri", compute);
        Assert.Contains("compute was planned with placeholder inputs (", run.FirstPlan.Output);
    }

    [Fact]
    public void A_plan_creates_nothing_in_the_emulator()
    {
        Assert.NotEmpty(run.Before);
        Assert.All(run.Before, listed => Assert.True(Empty(listed.Value), $"{listed.Key} held {listed.Value} before anything ran"));
        Assert.Equal(run.Before, run.AfterFirstPlan);
        Assert.Equal(run.AfterRegistry, run.AfterSecondPlan);
    }

    [Fact]
    public void With_only_the_registry_applied_every_stack_still_plans_and_only_the_repository_is_real()
    {
        Assert.True(run.Registry.ExitCode == 0, run.Registry.ToString());
        Assert.False(Empty(run.AfterRegistry["ecr"]), "the registry apply created no repository");
        Assert.True(Empty(run.AfterRegistry["s3"]), run.AfterRegistry["s3"]);
        Assert.True(Empty(run.AfterRegistry["lambda"]), run.AfterRegistry["lambda"]);

        Assert.True(run.SecondPlan.ExitCode == 0, run.SecondPlan.ToString());
        Assert.Equal("no changes", FreshPlan.Row(run.SecondSummary, "registry")[0]);
        Assert.Equal("", FreshPlan.Row(run.SecondSummary, "storage")[2]);
        var compute = FreshPlan.Row(run.SecondSummary, "compute")[2];
        Assert.DoesNotContain("repository_url", compute);
        Assert.Contains("image_uri", compute);
        Assert.Contains("processor_role_arn", compute);
        Assert.Contains("ingest_queue_arn", FreshPlan.Row(run.SecondSummary, "iam")[2]);
    }

    // The AWS CLI prints "None" for a listing that has no list at all (SQS without queues).
    private static bool Empty(string listed) => listed is "" or "None";
}
