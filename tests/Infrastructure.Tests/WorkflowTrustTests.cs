using System.Text.Json;
using DataPlatform.Infrastructure.Tests.Terraform;
using DataPlatform.Infrastructure.Tests.Workflows;

namespace DataPlatform.Infrastructure.Tests;

/// <summary>
/// .github/workflows against the trust policies the access stack's plan will create (dev and prod,
/// planned once for the class): each job that assumes a role gets exactly that role, and no pull
/// request reaches a deploy role.
/// </summary>
public sealed class WorkflowTrustTests(AccessPlans access) : IClassFixture<AccessPlans>
{
    private static readonly string WorkflowsFolder = Path.Combine(RepositoryLayout.Root, ".github", "workflows");

    [Fact]
    public void Each_job_that_assumes_a_role_is_trusted_by_exactly_that_role_and_no_pull_request_reaches_a_deploy_role()
    {
        var roles = access.Roles();
        var workflows = Workflow.ReadFolder(WorkflowsFolder);

        var problems = TrustCheck.Problems(workflows, roles, AccessPlans.Repository);

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        // Not vacuous: dev's deploy and plan roles, prod's deploy role, and three jobs that use them.
        Assert.Equal(["dev/dp-dev-github-deploy", "dev/dp-dev-github-plan", "prod/dp-prod-github-deploy"], roles.Select(r => $"{r.Environment}/{r.Name}").Order(StringComparer.Ordinal));
        Assert.Equal(["ci.yml/deploy-dev", "ci.yml/deploy-prod", "ci.yml/plan-dev"], workflows.SelectMany(w => w.Jobs).Where(j => j.AssumesRole).Select(j => j.Name).Order(StringComparer.Ordinal));
        Assert.All(roles.Where(r => r.IsDeployRole), r => Assert.False(r.Trusts($"repo:{AccessPlans.Repository}:pull_request"), $"{r.Name} trusts pull requests."));
    }

    [Fact]
    public void The_trust_check_fails_on_a_deliberately_broken_workflow()
    {
        var broken = Workflow.ReadFolder(Path.Combine(RepositoryLayout.FixturesDirectory, "broken_workflows"));

        var problems = TrustCheck.Problems(broken, access.Roles(), AccessPlans.Repository);

        Assert.Contains(problems, p => p.StartsWith("ci.yml/test may ask for an OIDC token", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("ci.yml/plan-dev runs on pull requests with environment dev", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("ci.yml/deploy-dev assumes no role of the access stacks: it reads AWS_DEPLOY_ROLE_ARN without an environment", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("ci.yml/deploy-prod assumes no role of the access stacks: the access stacks make no production's deploy role", StringComparison.Ordinal));
        Assert.Equal(4, problems.Count);
    }

    [Fact]
    public void The_plan_role_may_only_describe_get_and_list()
    {
        var actions = Actions(access.RolePolicy("dev", "plan"), "Allow");

        Assert.NotEmpty(actions);
        var writes = actions.Where(a => !(a.Split(':')[1].StartsWith("Get", StringComparison.Ordinal)
            || a.Split(':')[1].StartsWith("List", StringComparison.Ordinal)
            || a.Split(':')[1].StartsWith("Describe", StringComparison.Ordinal))).ToList();
        Assert.True(writes.Count == 0, $"The plan role may: {string.Join(", ", writes)}");
    }

    [Fact]
    public void The_deploy_role_can_change_neither_the_ci_roles_nor_the_access_stacks_state()
    {
        var policy = access.RolePolicy("dev", "deploy");

        var deny = policy.GetProperty("Statement").EnumerateArray().Single(s => s.GetProperty("Effect").GetString() == "Deny");
        Assert.Equal(["iam:*"], deny.GetProperty("Action").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal([$"arn:aws:iam::123456789012:role/ci/*"], deny.GetProperty("Resource").EnumerateArray().Select(a => a.GetString()));
        var resources = policy.GetProperty("Statement").EnumerateArray().Where(s => s.GetProperty("Effect").GetString() == "Allow")
            .SelectMany(s => s.GetProperty("Resource").EnumerateArray()).Select(r => r.GetString()!).ToList();
        Assert.DoesNotContain(resources, r => r.Contains("access.tfstate", StringComparison.Ordinal) || r.EndsWith("/dev/*", StringComparison.Ordinal));
        Assert.Contains("arn:aws:s3:::dataplatform-terraform-state-dev/dev/compute.tfstate", resources);
    }

    private static List<string> Actions(JsonElement policy, string effect) =>
        [.. policy.GetProperty("Statement").EnumerateArray().Where(s => s.GetProperty("Effect").GetString() == effect)
            .SelectMany(s => s.GetProperty("Action").EnumerateArray()).Select(a => a.GetString()!).Distinct()];
}
