using System.Text;
using DataPlatform.Build.Host;
using DataPlatform.Deployment.Contracts;
using DataPlatform.Deployment.Terraform;

namespace DataPlatform.Build.Tasks;

[TaskName("Plan")]
[TaskDescription("Plans every stack (saved plan files, summary table) and checks contracts/ against the deployed contracts; changes nothing, pushes nothing.")]
[IsDependentOn(typeof(UpTask))]
public sealed class PlanTask : BuildTask<BuildContext>, IDescribesSteps<BuildContext>
{
    public IEnumerable<string> DescribeSteps(BuildContext context) =>
        StackCatalog.All.Select(s => $"terraform init + plan -out  terraform/stacks/{s.Name}  (the values of environments/{context.Deployment.Name}.tfvars it declares)")
            .Append($"compare contracts/ with the compute stack's output {RepositoryContracts.StackValue} (the deployed contracts); a breaking change fails Plan unless {ContractGuard.AllowFlag}");

    public override void Run(BuildContext context)
    {
        var stacks = StackCatalog.All;
        context.Stacks.Init(stacks);
        context.Stacks.ReadOutputs(stacks);
        context.Log.Information($"Planning {stacks.Count} stacks of '{context.Deployment.Name}' side by side ...");
        var plans = context.Stacks.PlanAll(stacks);

        var table = PlanTable.Render(plans);
        context.Log.Information(Environment.NewLine + table);
        foreach (var plan in plans.Where(p => p.PlaceholderInputs.Count > 0))
        {
            context.Log.Warning(
                $"{plan.Stack} was planned with placeholder inputs ({string.Join(", ", plan.PlaceholderInputs)}) because what it depends on is not applied " +
                "(or no image is built yet); a Deploy plans it again with the real values.");
        }

        var breaking = ContractGuard.Changes(context.Stacks.OutputsOf(StackCatalog.Compute), context.EventContracts);
        if (breaking.Count > 0)
        {
            context.Log.Warning($"Breaking contract changes against what '{context.Deployment.Name}' runs with:{Environment.NewLine}{BreakingChangeTable.Render(breaking)}");
        }
        else
        {
            context.Log.Information($"Contracts: {context.EventContracts.Set.Count} in contracts/, no breaking change against the deployed ones.");
        }

        Directory.CreateDirectory(context.EnvironmentArtifactsDirectory);
        var markdown = new StringBuilder()
            .AppendLine($"### Terraform plan: {context.Deployment.Name}")
            .AppendLine()
            .AppendLine("| stack | changes | destroys data | placeholder inputs |")
            .AppendLine("|---|---|---|---|");
        foreach (var plan in plans)
        {
            var danger = DataLossGuard.Dangerous(plan);
            markdown.AppendLine($"| {plan.Stack} | {(plan.HasChanges ? plan.Summary : "no changes")} | " +
                $"{(danger.Count == 0 ? "no" : string.Join(", ", danger.Select(d => d.Address)))} | {string.Join(", ", plan.PlaceholderInputs)} |");
        }

        if (breaking.Count > 0)
        {
            markdown.AppendLine()
                .AppendLine($"#### Breaking contract changes{(context.AllowBreakingContracts ? $" (allowed with {ContractGuard.AllowFlag})" : "")}")
                .AppendLine()
                .AppendLine("| event type | field | change |")
                .AppendLine("|---|---|---|");
            foreach (var change in breaking)
            {
                markdown.AppendLine($"| {change.EventType} | {change.Field} | {change.Change} |");
            }
        }

        var summaryFile = Path.Combine(context.EnvironmentArtifactsDirectory, "plan-summary.md");
        File.WriteAllText(summaryFile, markdown.ToString());
        context.Log.Information($"Plan files are in {Path.GetRelativePath(context.RepositoryRoot, context.StateDirectory)}/{context.Deployment.Name}/terraform/<stack>/plan.tfplan; the summary is in {Path.GetRelativePath(context.RepositoryRoot, summaryFile)}.");
        ContractGuard.Check(breaking, context.Deployment.Name, context.AllowBreakingContracts);
    }
}
