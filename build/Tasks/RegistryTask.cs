using DataPlatform.Build.Host;
using DataPlatform.Deployment.Terraform;

namespace DataPlatform.Build.Tasks;

[TaskName("Registry")]
[TaskDescription("Applies the registry stack (the ECR repository must exist before an image is pushed).")]
[IsDependentOn(typeof(StateBucketTask))]
public sealed class RegistryTask : BuildTask<BuildContext>, IDescribesSteps<BuildContext>
{
    public IEnumerable<string> DescribeSteps(BuildContext context) =>
        ["terraform init, plan -out, apply  terraform/stacks/registry"];

    public override void Run(BuildContext context) => context.Stacks.Converge([StackCatalog.Registry]);
}
