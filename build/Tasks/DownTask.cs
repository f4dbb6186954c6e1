using DataPlatform.Build.Host;
using DataPlatform.Build.Local;

namespace DataPlatform.Build.Tasks;

[TaskName("Down")]
[TaskDescription("local: stops the embedded emulator (its resources and local Terraform state go with it).")]
public sealed class DownTask : AsyncBuildTask<BuildContext>
{
    public override async Task RunAsync(BuildContext context)
    {
        if (!context.Deployment.UsesEmbeddedEmulator)
        {
            throw new BuildFailedException($"Down stops the local emulator; '{context.Deployment.Name}' is a real environment. To remove it, use --target=Destroy.");
        }

        await new LocalEnvironment(context).DownAsync();
    }
}
