using DataPlatform.Build.Host;

namespace DataPlatform.Build.Operations;

/// <summary>
/// Asks before an operator target changes a real environment (as Deploy asks before an apply): never on
/// the embedded emulator or with --auto-approve; where nobody can answer (CI, input not a terminal) it
/// stops with what to run instead.
/// </summary>
public static class OperatorApproval
{
    public static void Confirm(BuildContext context, string change, string target)
    {
        if (context.Deployment.UsesEmbeddedEmulator || context.AutoApprove)
        {
            return;
        }

        if (!context.IsInteractive)
        {
            throw new BuildFailedException(
                $"{target} would {change} in '{context.Deployment.Name}', and nobody can approve that here (CI, or standard input is not a terminal). " +
                $"Check what it will touch with ./build.sh --target={target} --dryrun, then re-run with --auto-approve.");
        }

        Console.Out.Write($"{target} will {change} in '{context.Deployment.Name}'. Only 'yes' goes ahead: ");
        if (!string.Equals(Console.ReadLine()?.Trim(), "yes", StringComparison.Ordinal))
        {
            throw new BuildFailedException($"{target} did nothing: it was not approved.");
        }
    }
}
