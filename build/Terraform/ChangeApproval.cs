using DataPlatform.Build.Host;

namespace DataPlatform.Build.Terraform;

/// <summary>Who says yes to a plan: nobody on local, the person at the terminal, or --auto-approve.</summary>
public static class ChangeApproval
{
    public static void Confirm(BuildContext context, PlanResult plan, Func<string?>? readAnswer = null)
    {
        if (context.Deployment.IsLocal || context.AutoApprove)
        {
            return;
        }

        if (!context.IsInteractive)
        {
            throw new BuildFailedException(
                $"The {plan.Stack} stack of '{context.Deployment.Name}' has changes ({plan.Summary}) and nobody can approve them here " +
                "(CI, or standard input is not a terminal). Review them with ./build.sh --target=Plan, then re-run with --auto-approve.");
        }

        Console.WriteLine();
        Console.WriteLine($"{plan.Stack} ({context.Deployment.Name}): {plan.Summary}");
        foreach (var change in plan.Changes)
        {
            Console.WriteLine($"  {change.Action,-8} {change.Address}");
        }

        Console.Write($"Apply these changes to {context.Deployment.Name}? Only 'yes' applies: ");
        var answer = (readAnswer ?? Console.ReadLine)();
        if (!string.Equals(answer?.Trim(), "yes", StringComparison.Ordinal))
        {
            throw new BuildFailedException($"Not applied: the {plan.Stack} changes were not approved. Nothing after it was applied either.");
        }
    }
}
