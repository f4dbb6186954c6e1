namespace DataPlatform.Build.Host;

/// <summary>A task whose work is synchronous.</summary>
public abstract class BuildTask<TContext> : IBuildTask<TContext>
{
    public virtual string SkipReason => "its criteria were not met";

    public virtual bool ShouldRun(TContext context) => true;

    public abstract void Run(TContext context);

    Task IBuildTask<TContext>.RunAsync(TContext context)
    {
        Run(context);
        return Task.CompletedTask;
    }
}
