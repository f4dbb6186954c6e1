using System.Text.RegularExpressions;

namespace DataPlatform.Infrastructure.Tests.Workflows;

/// <summary>
/// The <c>sub</c> claim GitHub puts in a job's OIDC token (docs.github.com, "About security
/// hardening with OpenID Connect", example subject claims): a job with an environment gets
/// <c>repo:OWNER/NAME:environment:ENV</c> whatever triggered it; otherwise a pull request gives
/// <c>repo:OWNER/NAME:pull_request</c> and a push (or a schedule, a dispatch) <c>repo:OWNER/NAME:ref:refs/heads/BRANCH</c>.
/// </summary>
public static partial class OidcSubject
{
    /// <summary>Every subject the job's token can carry, given the events its <c>if:</c> lets it run on.</summary>
    public static IReadOnlyList<string> Of(Workflow workflow, WorkflowJob job, string repository)
    {
        if (job.Environment is { } environment)
        {
            return [$"repo:{repository}:environment:{environment}"];
        }

        var branches = workflow.PushBranches.Count > 0 ? workflow.PushBranches : ["*"];
        return [.. Events(workflow, job).SelectMany(e => e switch
        {
            "pull_request" or "pull_request_target" => [$"repo:{repository}:pull_request"],
            "push" or "workflow_dispatch" or "schedule" => branches.Select(b => $"repo:{repository}:ref:refs/heads/{b}"),
            _ => new[] { $"repo:{repository}:{e}" },
        }).Distinct()];
    }

    /// <summary>The events the job runs on: the workflow's, narrowed by <c>github.event_name == '…'</c> in its <c>if:</c>.</summary>
    public static IReadOnlyList<string> Events(Workflow workflow, WorkflowJob job)
    {
        var named = job.Condition is null ? [] : EventCondition().Matches(job.Condition).Select(m => m.Groups[1].Value).ToList();
        return named.Count > 0 ? named : workflow.Events;
    }

    [GeneratedRegex(@"github\.event_name\s*==\s*'([a-z_]+)'")]
    private static partial Regex EventCondition();
}
