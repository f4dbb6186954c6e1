using System.Text.RegularExpressions;

namespace DataPlatform.Infrastructure.Tests.Workflows;

/// <summary>
/// Which role a job's <c>role-to-assume</c> reaches, as README's "CI" section tells users to set
/// the variables: AWS_DEPLOY_ROLE_ARN per GitHub environment (that environment's deploy role),
/// AWS_PLAN_ROLE_ARN once for the repository (dev's plan role).
/// </summary>
public static partial class GitHubVariables
{
    public const string PlannedEnvironment = "dev";

    /// <summary>The role the job gets, or null with the reason it gets none.</summary>
    public static (RoleTrust? Role, string? Why) Resolve(WorkflowJob job, IReadOnlyList<RoleTrust> roles)
    {
        var variable = VariableReference().Match(job.RoleToAssume ?? "");
        if (!variable.Success)
        {
            return (null, $"its role-to-assume '{job.RoleToAssume}' is not a ${{{{ vars.NAME }}}} the access stack's output is set in");
        }

        return variable.Groups[1].Value switch
        {
            "AWS_DEPLOY_ROLE_ARN" when job.Environment is null =>
                (null, "it reads AWS_DEPLOY_ROLE_ARN without an environment, but that variable is set only per GitHub environment"),
            "AWS_DEPLOY_ROLE_ARN" => Single(roles.Where(r => r.IsDeployRole && r.Environment == job.Environment), $"{job.Environment}'s deploy role"),
            "AWS_PLAN_ROLE_ARN" => Single(roles.Where(r => r.IsPlanRole && r.Environment == PlannedEnvironment), $"{PlannedEnvironment}'s plan role"),
            var other => (null, $"no role's ARN is set as {other}"),
        };
    }

    private static (RoleTrust?, string?) Single(IEnumerable<RoleTrust> candidates, string what) =>
        candidates.ToList() is [var one] ? (one, null) : (null, $"the access stacks make no {what}");

    [GeneratedRegex(@"^\$\{\{\s*vars\.([A-Z0-9_]+)\s*\}\}$")]
    private static partial Regex VariableReference();
}
