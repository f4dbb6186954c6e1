using DataPlatform.Build.Host;

namespace DataPlatform.Build.Tasks;

[TaskName(Name)]
[TaskDescription("Redeploys the digest the environment ran before the live one (no image build), prints outputs and verifies with canaries.")]
[IsDependentOn(typeof(RollbackTargetTask))]
[IsDependentOn(typeof(InfrastructureTask))]
[IsDependentOn(typeof(OutputsTask))]
[IsDependentOn(typeof(VerifyTask))]
public sealed class RollbackTask : BuildTask<BuildContext>
{
    public const string Name = "Rollback";

    public override void Run(BuildContext context) =>
        context.Log.Information($"'{context.Deployment.Name}' is rolled back to {context.ImageUri}; running Rollback again returns to the image it replaced.");
}
