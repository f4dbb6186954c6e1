using DataPlatform.Build.Host;
using DataPlatform.Deployment;
using DataPlatform.Deployment.Terraform;

namespace DataPlatform.Build.Tasks;

[TaskName("Info")]
[TaskDescription("Prints the tools the build would use and where they are; changes nothing.")]
public sealed class InfoTask : BuildTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        context.Log.Information($"Repository:   {context.RepositoryRoot}");
        context.Log.Information($".NET runtime: {Environment.Version}");
        foreach (var tool in new[] { "dotnet", "terraform", "moto_server", "aws", "docker" })
        {
            context.Log.Information($"{tool + ":",-13} {ExecutableSearch.Find(tool) ?? "not found on PATH"}");
        }

        context.Log.Information($"Provider mirror: {TerraformCliConfig.FindProviderMirror() ?? "none (providers download from the registry)"}");
    }
}
