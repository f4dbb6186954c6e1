using Cake.Core;
using DataPlatform.Build.Host;

namespace DataPlatform.Build;

/// <summary>What happens around the tasks: nothing yet beyond a line saying which target runs.</summary>
public sealed class BuildLifetime : IBuildLifetime<BuildContext>
{
    public void Setup(BuildContext context, ISetupContext info) =>
        context.Log.Verbose($"Running {info.TargetTask.Name}: {string.Join(" -> ", info.TasksToExecute.Select(t => t.Name))}");

    public void Teardown(BuildContext context, ITeardownContext info)
    {
    }
}
