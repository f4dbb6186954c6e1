using DataPlatform.Build.Aws;
using DataPlatform.Build.Host;
using DataPlatform.Deployment.Terraform;

namespace DataPlatform.Build.Tasks;

[TaskName("StateBucket")]
[TaskDescription("Real environments: creates the Terraform state bucket (versioned, encrypted, private) if it is missing.")]
[IsDependentOn(typeof(UpTask))]
public sealed class StateBucketTask : AsyncBuildTask<BuildContext>
{
    public override string SkipReason => "the local environment keeps its state in files";

    public override bool ShouldRun(BuildContext context) => !context.Deployment.IsLocal;

    public override Task RunAsync(BuildContext context) =>
        StateBucket.EnsureAsync(
            context.Aws,
            new StackWorkspace(context.RepositoryRoot, context.Deployment.Name, StackCatalog.Registry, context.StateDirectory).BackendConfigFile,
            context.Log);
}
