using Cake.Common.Tools.DotNet;
using Cake.Common.Tools.DotNet.Restore;
using DataPlatform.Build.Host;

namespace DataPlatform.Build.Tasks;

[TaskName("Restore")]
[TaskDescription("Restores the NuGet packages of the whole solution.")]
[IsDependentOn(typeof(CleanTask))]
public sealed class RestoreTask : BuildTask<BuildContext>
{
    public override void Run(BuildContext context) =>
        context.DotNetRestore(context.Solution, new DotNetRestoreSettings { Verbosity = DotNetVerbosity.Minimal });
}
