using Cake.Core;

namespace DataPlatform.Build.Host;

/// <summary>Runs before the first task and after the last; teardown runs even when a task failed.</summary>
public interface IBuildLifetime<in TContext>
{
    void Setup(TContext context, ISetupContext info);

    void Teardown(TContext context, ITeardownContext info);
}
