using Cake.Common.Tools.DotNet;
using Cake.Common.Tools.DotNet.Build;
using DataPlatform.Build.Host;

namespace DataPlatform.Build.Tasks;

[TaskName("Compile")]
[TaskDescription("Compiles the solution (warnings are errors).")]
[IsDependentOn(typeof(RestoreTask))]
public sealed class CompileTask : BuildTask<BuildContext>
{
    public override void Run(BuildContext context) =>
        context.DotNetBuild(context.Solution, new DotNetBuildSettings
        {
            Configuration = context.BuildConfiguration,
            NoRestore = true,
            NoLogo = true,
            Verbosity = DotNetVerbosity.Minimal,
        });
}
