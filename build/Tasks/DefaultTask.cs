using DataPlatform.Build.Host;

namespace DataPlatform.Build.Tasks;

[TaskName("Default")]
[TaskDescription("What ./build.sh does with no target: the tests.")]
[IsDependentOn(typeof(TestTask))]
public sealed class DefaultTask : BuildTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
    }
}
