namespace DataPlatform.Infrastructure.Tests.Workflows;

/// <summary>One job of a GitHub Actions workflow, as far as its credentials are concerned.</summary>
/// <param name="Environment">The job's <c>environment:</c> (name), or null.</param>
/// <param name="Condition">The job's <c>if:</c>, or null.</param>
/// <param name="Permissions">The job's <c>permissions:</c> (scope → access), or null when it inherits the workflow's.</param>
/// <param name="Actions">Every <c>uses:</c> of its steps (or of the job, for a reusable workflow).</param>
/// <param name="RoleToAssume">The <c>role-to-assume</c> given to configure-aws-credentials, or null when it assumes none.</param>
public sealed record WorkflowJob(
    string Workflow,
    string Id,
    string? Environment,
    string? Condition,
    IReadOnlyDictionary<string, string>? Permissions,
    IReadOnlyList<string> Actions,
    string? RoleToAssume)
{
    public string Name => $"{Workflow}/{Id}";

    public bool AssumesRole => RoleToAssume is not null;
}
