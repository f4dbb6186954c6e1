using DataPlatform.Build.Host;

namespace DataPlatform.Build.Tasks;

[TaskName("Deploy")]
[TaskDescription("Tests the processor, publishes its image, applies every stack in order, prints outputs; on local, verifies with canaries.")]
[IsDependentOn(typeof(ProcessorTestsTask))]
[IsDependentOn(typeof(InfrastructureTask))]
[IsDependentOn(typeof(OutputsTask))]
[IsDependentOn(typeof(VerifyTask))]
public sealed class DeployTask : BuildTask<BuildContext>
{
    public override void Run(BuildContext context) =>
        context.Log.Information($"'{context.Deployment.Name}' is deployed. Outputs: {Path.GetRelativePath(context.RepositoryRoot, Path.Combine(context.EnvironmentArtifactsDirectory, "outputs.json"))}.");
}
