namespace DataPlatform.Build.Host;

/// <summary>A unit of work in the task graph. Derive from <see cref="BuildTask{TContext}"/> or <see cref="AsyncBuildTask{TContext}"/>.</summary>
public interface IBuildTask<in TContext>
{
    /// <summary>The criteria: false skips the task (and says why in the summary).</summary>
    bool ShouldRun(TContext context);

    /// <summary>Why <see cref="ShouldRun"/> said no, for the task summary.</summary>
    string SkipReason { get; }

    Task RunAsync(TContext context);
}
