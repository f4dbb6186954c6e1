namespace DataPlatform.Deployment.Terraform;

/// <summary>Who says yes to a plan: nobody on the embedded emulator, the person at the terminal, or --auto-approve.</summary>
public sealed class ChangeApproval(ApprovalPolicy policy, Func<string?> readAnswer, TextWriter output) : IChangeApproval
{
    public void Confirm(PlanResult plan) => Confirm(plan, policy, readAnswer, output);

    public static void Confirm(PlanResult plan, ApprovalPolicy policy, Func<string?> readAnswer, TextWriter output)
    {
        if (policy.UsesEmbeddedEmulator || policy.AutoApprove)
        {
            return;
        }

        if (!policy.IsInteractive)
        {
            throw new DeploymentFailedException(
                $"The {plan.Stack} stack of '{policy.Environment}' has changes ({plan.Summary}) and nobody can approve them here " +
                "(CI, or standard input is not a terminal). Review them with ./build.sh --target=Plan, then re-run with --auto-approve.");
        }

        output.WriteLine();
        output.WriteLine($"{plan.Stack} ({policy.Environment}): {plan.Summary}");
        foreach (var change in plan.Changes)
        {
            output.WriteLine($"  {change.Action,-8} {change.Address}");
        }

        output.Write($"Apply these changes to {policy.Environment}? Only 'yes' applies: ");
        if (!string.Equals(readAnswer()?.Trim(), "yes", StringComparison.Ordinal))
        {
            throw new DeploymentFailedException($"Not applied: the {plan.Stack} changes were not approved. Nothing after it was applied either.");
        }
    }
}
