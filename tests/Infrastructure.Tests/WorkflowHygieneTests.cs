using DataPlatform.Infrastructure.Tests.Terraform;
using DataPlatform.Infrastructure.Tests.Workflows;

namespace DataPlatform.Infrastructure.Tests;

/// <summary>Checks of .github/workflows that need no emulator.</summary>
public sealed class WorkflowHygieneTests
{
    private static readonly string WorkflowsFolder = Path.Combine(RepositoryLayout.Root, ".github", "workflows");

    [Fact]
    public void Every_action_is_pinned_by_commit_sha_and_every_workflow_has_top_level_permissions()
    {
        var problems = WorkflowHygiene.Problems(WorkflowsFolder);

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.NotEmpty(Workflow.ReadFolder(WorkflowsFolder).SelectMany(w => w.Jobs).SelectMany(j => j.Actions));
    }

    [Fact]
    public void The_hygiene_check_fails_on_a_tag_and_on_a_workflow_without_permissions()
    {
        var problems = WorkflowHygiene.Problems(Path.Combine(RepositoryLayout.FixturesDirectory, "broken_workflows"));

        Assert.Equal(
            ["ci.yml has no top-level permissions: block.", "ci.yml uses actions/checkout@v4, which is not pinned by a full commit SHA."],
            problems);
    }

    [Fact]
    public void The_trust_check_refuses_a_wildcard_subject_and_a_deploy_role_pull_requests_can_assume()
    {
        // The trust the README once described, widened the way people widen it when a job is refused.
        var role = RoleTrust.FromPolicy("dev", "dp-dev-github-deploy", """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRoleWithWebIdentity",
              "Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"},
              "Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"},
                           "StringLike":{"token.actions.githubusercontent.com:sub":"repo:example-org/data-platform:*"}}}]}
            """);

        var problems = TrustCheck.Problems([], [role], "example-org/data-platform");

        Assert.Equal(
            [
                "dev/dp-dev-github-deploy trusts the subject pattern StringLike 'repo:example-org/data-platform:*': only an exact StringEquals subject names one job.",
                "dev/dp-dev-github-deploy is a deploy role that a pull request's token can assume: any branch could deploy.",
            ],
            problems);
    }

    [Fact]
    public void A_job_subject_follows_its_environment_else_its_event()
    {
        var workflow = Workflow.Read(Path.Combine(WorkflowsFolder, "ci.yml"));
        string Subject(string job) => string.Join(", ", OidcSubject.Of(workflow, workflow.Jobs.Single(j => j.Id == job), "o/r"));

        Assert.Equal("repo:o/r:environment:dev", Subject("deploy-dev"));
        Assert.Equal("repo:o/r:environment:prod", Subject("deploy-prod"));
        Assert.Equal("repo:o/r:pull_request", Subject("plan-dev"));
        Assert.Equal("repo:o/r:pull_request, repo:o/r:ref:refs/heads/main", Subject("test"));
    }
}
