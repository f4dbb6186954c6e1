using DataPlatform.Build.Host;

namespace DataPlatform.Build.Terraform;

/// <summary>Who says yes to a plan: nobody on local, the person at the terminal, or --auto-approve.</summary>
public static class ChangeApproval
{
    public static void Confirm(BuildContext context, PlanResult plan) =>
        Confirm(
            plan,
            new ApprovalPolicy(context.Deployment.Name, context.Deployment.IsLocal, context.AutoApprove, context.IsInteractive),
            Console.ReadLine,
            Console.Out);

    public static void Confirm(PlanResult plan, ApprovalPolicy policy, Func<string?> readAnswer, TextWriter output)
    {
        if (policy.IsLocal || policy.AutoApprove)
        {
            return;
        }

        if (!policy.IsInteractive)
        {
            throw new BuildFailedException(
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
            throw new BuildFailedException($"Not applied: the {plan.Stack} changes were not approved. Nothing after it was applied either.");
        }
    }
}
