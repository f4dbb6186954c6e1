using DataPlatform.Build.Aws;
using DataPlatform.Build.Host;

namespace DataPlatform.Build.Tasks;

[TaskName("StateBucket")]
[TaskDescription("Real environments: creates the Terraform state bucket (versioned, encrypted, private) if it is missing.")]
[IsDependentOn(typeof(UpTask))]
public sealed class StateBucketTask : AsyncBuildTask<BuildContext>
{
    public override string SkipReason => "the environment keeps its Terraform state in files (it has no backend file)";

    public override bool ShouldRun(BuildContext context) => context.Deployment.Settings.BackendFile is not null;

    public override Task RunAsync(BuildContext context) =>
        StateBucket.EnsureAsync(context.Aws, context.Deployment.Settings.BackendFile!, context.Log);
}
