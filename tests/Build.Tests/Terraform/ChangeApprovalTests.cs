using DataPlatform.Deployment.Terraform;

namespace DataPlatform.Build.Tests.Terraform;

public sealed class ChangeApprovalTests
{
    private static readonly PlanResult Plan = PlanFixtures.Plan("storage", ("aws_sqs_queue.ingest", "aws_sqs_queue", "update"));

    [Fact]
    public void The_embedded_emulator_applies_without_asking() =>
        ChangeApproval.Confirm(Plan, new ApprovalPolicy("local", UsesEmbeddedEmulator: true, AutoApprove: false, IsInteractive: false), Unanswerable, TextWriter.Null);

    [Fact]
    public void Auto_approve_applies_without_asking() =>
        ChangeApproval.Confirm(Plan, new ApprovalPolicy("dev", UsesEmbeddedEmulator: false, AutoApprove: true, IsInteractive: false), Unanswerable, TextWriter.Null);

    [Fact]
    public void A_real_environment_in_CI_without_auto_approve_stops_and_says_how_to_go_on()
    {
        var error = Assert.Throws<DeploymentFailedException>(() =>
            ChangeApproval.Confirm(Plan, new ApprovalPolicy("dev", false, false, IsInteractive: false), Unanswerable, TextWriter.Null));

        Assert.Contains("+0 ~1 -0", error.Message);
        Assert.Contains("--auto-approve", error.Message);
    }

    [Fact]
    public void A_person_sees_the_changes_and_only_yes_applies()
    {
        var shown = new StringWriter();
        ChangeApproval.Confirm(Plan, new ApprovalPolicy("dev", false, false, IsInteractive: true), () => "yes", shown);

        Assert.Contains("update   aws_sqs_queue.ingest", shown.ToString());
        foreach (var answer in new[] { "y", "no", "", null })
        {
            Assert.Throws<DeploymentFailedException>(() =>
                ChangeApproval.Confirm(Plan, new ApprovalPolicy("dev", false, false, IsInteractive: true), () => answer, TextWriter.Null));
        }
    }

    private static string? Unanswerable() => throw new InvalidOperationException("nobody should have been asked");
}
