namespace DataPlatform.Build.Host;

/// <summary>A task whose work awaits (network calls, processes it streams).</summary>
public abstract class AsyncBuildTask<TContext> : IBuildTask<TContext>
{
    public virtual string SkipReason => "its criteria were not met";

    public virtual bool ShouldRun(TContext context) => true;

    public abstract Task RunAsync(TContext context);
}
