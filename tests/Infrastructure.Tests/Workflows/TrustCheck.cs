namespace DataPlatform.Infrastructure.Tests.Workflows;

/// <summary>
/// The workflows against the roles' trust: each job that assumes a role is trusted by exactly that
/// role; no pull-request subject reaches a deploy role; no subject condition is a pattern; only
/// jobs that assume a role may ask for an OIDC token. Returns every problem as a sentence.
/// </summary>
public static class TrustCheck
{
    public static IReadOnlyList<string> Problems(IReadOnlyList<Workflow> workflows, IReadOnlyList<RoleTrust> roles, string repository)
    {
        var problems = new List<string>();
        foreach (var role in roles)
        {
            foreach (var (op, value) in role.Statements.SelectMany(s => s.SubjectConditions))
            {
                if (op != "StringEquals" || value.Contains('*') || value.Contains('?'))
                {
                    problems.Add($"{role.Environment}/{role.Name} trusts the subject pattern {op} '{value}': only an exact StringEquals subject names one job.");
                }
            }

            if (role.Statements.Any(s => s.Effect == "Allow" && s.Actions.Contains("sts:AssumeRoleWithWebIdentity") && !s.SubjectConditions.Any()))
            {
                problems.Add($"{role.Environment}/{role.Name} has no condition on the token's subject: any workflow of any repository with a GitHub token could assume it.");
            }

            if (role.IsDeployRole && role.Trusts($"repo:{repository}:pull_request"))
            {
                problems.Add($"{role.Environment}/{role.Name} is a deploy role that a pull request's token can assume: any branch could deploy.");
            }
        }

        foreach (var workflow in workflows)
        {
            foreach (var job in workflow.Jobs)
            {
                var idToken = (job.Permissions ?? workflow.Permissions)?.GetValueOrDefault("id-token") == "write"
                    || (job.Permissions ?? workflow.Permissions)?.GetValueOrDefault("*") == "write-all";
                if (!job.AssumesRole)
                {
                    if (idToken)
                    {
                        problems.Add($"{job.Name} may ask for an OIDC token (id-token: write) but assumes no role: grant it only to jobs that do.");
                    }

                    continue;
                }

                if (!idToken)
                {
                    problems.Add($"{job.Name} assumes a role without id-token: write: it gets no token and the step fails.");
                }

                // A pull request's workflow is the branch's own code: with an environment, its token
                // would carry that environment's subject (unless GitHub's branch rule stops it).
                if (job.Environment is not null && OidcSubject.Events(workflow, job).Any(e => e.StartsWith("pull_request", StringComparison.Ordinal)))
                {
                    problems.Add($"{job.Name} runs on pull requests with environment {job.Environment}: any branch's code would get the token {job.Environment}'s deploy role trusts.");
                }

                var (role, why) = GitHubVariables.Resolve(job, roles);
                if (role is null)
                {
                    problems.Add($"{job.Name} assumes no role of the access stacks: {why}.");
                    continue;
                }

                foreach (var subject in OidcSubject.Of(workflow, job, repository))
                {
                    if (!role.Trusts(subject))
                    {
                        problems.Add($"{job.Name} runs with the subject {subject}, which {role.Environment}/{role.Name} does not trust: its credentials step would fail.");
                    }

                    foreach (var other in roles.Where(r => r != role && r.Trusts(subject)))
                    {
                        problems.Add($"{job.Name}'s subject {subject} is trusted by {other.Environment}/{other.Name} too: a job may reach exactly one role.");
                    }
                }
            }
        }

        return problems;
    }
}
