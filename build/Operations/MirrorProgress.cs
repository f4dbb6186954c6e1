using DataPlatform.Operations.Presentation;
using DataPlatform.Operations.Query;
using Spectre.Console;

namespace DataPlatform.Build.Operations;

/// <summary>A progress bar per lake table while its new objects are fetched into the local cache (Query, Reconcile).</summary>
public static class MirrorProgress
{
    public static Task<T> RunAsync<T>(IAnsiConsole console, Func<IProgress<MirrorSync>, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(work);
        return console.Progress().AutoClear(false).HideCompleted(false).StartAsync(async context =>
        {
            var tasks = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
            var progress = new SynchronousProgress(sync =>
            {
                if (!tasks.TryGetValue(sync.Table, out var task))
                {
                    task = tasks[sync.Table] = context.AddTask(
                        $"{sync.Table}: fetch {HumanUnits.Count(sync.ToFetch)} of {HumanUnits.Count(sync.Objects)} object(s), {HumanUnits.Bytes(sync.BytesToFetch)}",
                        maxValue: Math.Max(1, sync.ToFetch));
                }

                task.Value = sync.ToFetch == 0 ? 1 : sync.Fetched;
            });
            return await work(progress);
        });
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to a thread pool and arrive late or out of order).</summary>
    private sealed class SynchronousProgress(Action<MirrorSync> report) : IProgress<MirrorSync>
    {
        public void Report(MirrorSync value) => report(value);
    }
}
