using DataPlatform.Build.Host;
using DataPlatform.Build.Image;
using DataPlatform.Deployment.Terraform;

namespace DataPlatform.Build.Tasks;

[TaskName("Infrastructure")]
[TaskDescription("Applies the storage, iam and compute stacks in order, each fed the outputs of the ones before.")]
[IsDependentOn(typeof(ImageTask))]
public sealed class InfrastructureTask : BuildTask<BuildContext>, IDescribesSteps<BuildContext>
{
    private static readonly IReadOnlyList<Stack> Stacks = [StackCatalog.Storage, StackCatalog.Iam, StackCatalog.Compute];

    public IEnumerable<string> DescribeSteps(BuildContext context) =>
        Stacks.Select(s => $"terraform plan -out, then apply if it has changes  terraform/stacks/{s.Name}" +
            (s.DependsOn.Count > 0 ? $"  (inputs: outputs of {string.Join(", ", s.DependsOn)})" : ""))
        .Append($"aws ecr: tag the digest the function runs {DeploymentTag.LivePrefix}<time> and the one it replaced {DeploymentTag.PreviousPrefix}<time> (the rollback target)");

    public override void Run(BuildContext context)
    {
        var plans = context.Stacks.Converge(Stacks);
        var changed = plans.Count(p => p.HasChanges);
        context.Log.Information(changed == 0 ? "Infrastructure: no changes." : $"Infrastructure: {changed} stack(s) changed.");
        DeploymentHistory.RecordApplied(context);
    }
}
