using Xunit.Abstractions;

namespace DataPlatform.Infrastructure.Tests.PlanRole;

/// <summary>
/// What docs/access.md says of the plan role, shown by running terraform as it on an emulator that enforces IAM:
/// it can plan a stack from its remote state (with -lock=false, as the pull-request job does), and it can neither
/// change a resource nor write the state or its lock. The deploy role making the same change is the control.
/// </summary>
public sealed class PlanRoleTests(PlanRoleProbe probe, ITestOutputHelper output) : IClassFixture<PlanRoleProbe>
{
    [Fact]
    public void The_plan_role_reads_the_remote_state_and_plans_without_the_lock()
    {
        probe.ThrowIfSetupFailed();

        Assert.True(probe.PlanInit!.ExitCode == 0, probe.PlanInit.Describe());
        // -detailed-exitcode: 0 is "no changes", so the refresh read the queue as it is and nothing was denied.
        Assert.True(probe.PlanWithoutLock!.ExitCode == 0, probe.PlanWithoutLock.Describe());
    }

    [Fact]
    public void The_plan_role_cannot_take_the_state_lock()
    {
        probe.ThrowIfSetupFailed();

        Assert.True(probe.PlanWithLock!.ExitCode == 1, probe.PlanWithLock.Describe());
        Assert.Contains("lock", probe.PlanWithLock.Output, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(probe.DeniedTo(probe.PlanRoleArn), d => d.Action == "s3:PutObject"
            && d.Resource.EndsWith($"{ProbeRoots.StateBucket}/{ProbeRoots.StateKey}.tflock", StringComparison.Ordinal));
    }

    [Fact]
    public void The_plan_role_cannot_apply_a_change_and_the_deploy_role_can()
    {
        probe.ThrowIfSetupFailed();

        Assert.True(probe.PlanRoleApply!.ExitCode != 0, "The plan role applied a change:\n" + probe.PlanRoleApply.Describe());
        Assert.Contains(probe.DeniedTo(probe.PlanRoleArn), d => d.Action == "sqs:SetQueueAttributes" && d.Resource.EndsWith(":" + ProbeRoots.QueueName, StringComparison.Ordinal));
        Assert.Equal(30, probe.VisibilityAfterPlanRoleApply);

        Assert.True(probe.DeployRoleApply!.ExitCode == 0, probe.DeployRoleApply.Describe());
        Assert.Equal(45, probe.VisibilityAfterDeployRoleApply);
        Assert.Empty(probe.DeniedTo(probe.DeployRoleArn));
    }

    [Fact]
    public void Every_request_the_plan_role_was_denied_is_a_write()
    {
        probe.ThrowIfSetupFailed();

        // Reads the plan needs must all be granted; only the attempts to change something may be refused.
        var denied = probe.DeniedTo(probe.PlanRoleArn).Select(d => d.Action).Distinct().Order(StringComparer.Ordinal).ToList();
        output.WriteLine($"plan role: init exit {probe.PlanInit?.ExitCode}, plan -lock=false exit {probe.PlanWithoutLock?.ExitCode}, " +
            $"plan with the lock exit {probe.PlanWithLock?.ExitCode}, apply exit {probe.PlanRoleApply?.ExitCode}; deploy role: apply exit {probe.DeployRoleApply?.ExitCode}");
        output.WriteLine($"denied to the plan role: {string.Join(", ", probe.DeniedTo(probe.PlanRoleArn).Distinct().Select(d => $"{d.Action} on {d.Resource}"))}");
        Assert.NotEmpty(denied);
        Assert.All(denied, action => Assert.Contains(action, new[] { "s3:PutObject", "s3:DeleteObject", "sqs:SetQueueAttributes" }));
    }
}
