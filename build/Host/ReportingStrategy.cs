using System.Diagnostics;
using Cake.Core;

namespace DataPlatform.Build.Host;

/// <summary>
/// Cake's default strategy, plus a report of every task that ran, failed or was skipped, so the
/// summary table is printed on failure too (Cake's own report only exists when the run succeeds).
/// </summary>
public sealed class ReportingStrategy(IExecutionStrategy inner) : IExecutionStrategy
{
    public CakeReport Report { get; } = new();

    public async Task ExecuteAsync(CakeTask task, ICakeContext context)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            await inner.ExecuteAsync(task, context).ConfigureAwait(false);
            Report.Add(task.Name, clock.Elapsed);
        }
        catch
        {
            Report.AddFailed(task.Name, clock.Elapsed);
            throw;
        }
    }

    public void Skip(CakeTask task, CakeTaskCriteria criteria)
    {
        inner.Skip(task, criteria);
        Report.AddSkipped(task.Name, criteria.Message);
    }

    public void PerformSetup(Action<ISetupContext> action, ISetupContext context) => inner.PerformSetup(action, context);

    public void PerformTeardown(Action<ITeardownContext> action, ITeardownContext teardownContext) =>
        inner.PerformTeardown(action, teardownContext);

    public Task ReportErrorsAsync(Func<Exception, Task> action, Exception exception) => inner.ReportErrorsAsync(action, exception);

    public Task HandleErrorsAsync(Func<Exception, ICakeContext, Task> action, Exception exception, ICakeContext context) =>
        inner.HandleErrorsAsync(action, exception, context);

    public Task InvokeFinallyAsync(Func<ICakeContext, Task> action, ICakeContext context) => inner.InvokeFinallyAsync(action, context);

    public void PerformTaskSetup(Action<ITaskSetupContext> action, ITaskSetupContext taskSetupContext) =>
        inner.PerformTaskSetup(action, taskSetupContext);

    public void PerformTaskTeardown(Action<ITaskTeardownContext> action, ITaskTeardownContext taskTeardownContext) =>
        inner.PerformTaskTeardown(action, taskTeardownContext);
}
