using System.Text.Json;
using Cake.Core.IO;
using Path = System.IO.Path;
using DataPlatform.Build.Access;
using DataPlatform.Build.Aws;
using DataPlatform.Build.Host;
using DataPlatform.Deployment.Terraform;

namespace DataPlatform.Build.Tasks;

[TaskName("Access")]
[TaskDescription("Once per account, as an administrator: the deploy and plan roles GitHub Actions assume (terraform/stacks/access). Not part of Deploy.")]
[IsDependentOn(typeof(StateBucketTask))]
public sealed class AccessTask : BuildTask<BuildContext>, IDescribesSteps<BuildContext>
{
    public IEnumerable<string> DescribeSteps(BuildContext context) =>
    [
        "the GitHub repository: --github-repository, else GITHUB_REPOSITORY, else the origin remote",
        "aws iam list-open-id-connect-providers: use GitHub's provider when the account has one this stack does not manage",
        "terraform init + plan -out, ask, apply  terraform/stacks/access  " + (context.Deployment.Settings.BackendFile is null
            ? $"(state in {Path.GetRelativePath(context.RepositoryRoot, context.StateDirectory)}/{context.Deployment.Name}/terraform/access/)"
            : $"(state key {context.Deployment.Name}/access.tfstate in the state bucket)"),
        "print the role ARNs and the GitHub variables to set: AWS_DEPLOY_ROLE_ARN, AWS_PLAN_ROLE_ARN",
    ];

    public override void Run(BuildContext context)
    {
        var repository = GitHubRepositoryName.Resolve(
            context.GitHubRepository, Environment.GetEnvironmentVariable("GITHUB_REPOSITORY"), OriginRemote.Url(context, context.RepositoryRoot));
        var runner = context.Stacks[StackCatalog.Access];
        runner.Init();

        var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal)
        {
            ["github_repository"] = JsonSerializer.SerializeToElement(repository),
            ["plan_role_enabled"] = JsonSerializer.SerializeToElement(!context.NoPlanRole),
        };
        if (context.Deployment.Settings.BackendFile is { } backend)
        {
            values["state_bucket"] = JsonSerializer.SerializeToElement(StateBucket.BucketOf(backend) ?? "");
        }

        // A provider this stack made stays its own; otherwise one made elsewhere is used, not duplicated.
        var applied = runner.ReadOutputs();
        var managesProvider = applied.TryGetValue("oidc_provider_created", out var created) && created.ValueKind == JsonValueKind.True;
        if (!managesProvider
            && new GitHubOidcProvider(context, context.Aws.CliEnvironment(), new DirectoryPath(context.RepositoryRoot)).FindArn() is { } existing)
        {
            context.Log.Information($"The account has GitHub's OIDC provider already ({existing}); the roles will trust it.");
            values["existing_oidc_provider_arn"] = JsonSerializer.SerializeToElement(existing);
        }

        context.Log.Information($"Access for '{context.Deployment.Name}': roles for {repository}'s workflows ...");
        context.Stacks.Converge([StackCatalog.Access], values);

        var outputs = context.Stacks.OutputsOf(StackCatalog.Access);
        var deploy = outputs["deploy_role_arn"].GetString();
        var plan = outputs["plan_role_arn"].GetString();
        var environment = outputs["deploy_subject"].GetString()!.Split(":environment:")[1];
        var lines = new List<string> { $"Deploy role: {deploy}", $"  trusted only by {outputs["deploy_subject"].GetString()}" };
        lines.AddRange(string.IsNullOrEmpty(plan)
            ? ["Plan role: none (--no-plan-role)"]
            : [$"Plan role:   {plan}", $"  trusted only by {outputs["plan_subject"].GetString()}"]);
        lines.Add("");
        lines.Add($"In GitHub (Settings → Secrets and variables → Actions → Variables), for {repository}:");
        lines.Add($"  environment '{environment}': AWS_DEPLOY_ROLE_ARN = {deploy}");
        if (!string.IsNullOrEmpty(plan))
        {
            lines.Add($"  repository:  AWS_PLAN_ROLE_ARN = {plan}");
        }

        lines.Add($"  repository:  AWS_REGION = {context.Aws.Region}");
        lines.Add($"And in Settings → Environments → {environment}: deployment branches 'main' only (README.md, \"CI\").");
        context.Log.Information(string.Join(Environment.NewLine, lines));
    }
}
