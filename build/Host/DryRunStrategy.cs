using Cake.Core;
using Cake.Core.Diagnostics;

namespace DataPlatform.Build.Host;

/// <summary>
/// Walks the same graph Cake would run and prints each task (and the steps it would take) instead
/// of running it. Setup and teardown are not performed either: they start and stop environments.
/// </summary>
public sealed class DryRunStrategy(ICakeLog log, Func<string, IEnumerable<string>> describeSteps) : IExecutionStrategy
{
    private int _position;

    public Task ExecuteAsync(CakeTask task, ICakeContext context)
    {
        log.Information($"{++_position,3}. {task.Name}");
        foreach (var step in describeSteps(task.Name))
        {
            log.Information($"       - {step}");
        }

        return Task.CompletedTask;
    }

    public void Skip(CakeTask task, CakeTaskCriteria criteria) =>
        log.Information($"  -  {task.Name} (would be skipped: {criteria.Message})");

    public void PerformSetup(Action<ISetupContext> action, ISetupContext context)
    {
    }

    public void PerformTeardown(Action<ITeardownContext> action, ITeardownContext teardownContext)
    {
    }

    public Task ReportErrorsAsync(Func<Exception, Task> action, Exception exception) => Task.CompletedTask;

    public Task HandleErrorsAsync(Func<Exception, ICakeContext, Task> action, Exception exception, ICakeContext context) =>
        Task.CompletedTask;

    public Task InvokeFinallyAsync(Func<ICakeContext, Task> action, ICakeContext context) => Task.CompletedTask;

    public void PerformTaskSetup(Action<ITaskSetupContext> action, ITaskSetupContext taskSetupContext)
    {
    }

    public void PerformTaskTeardown(Action<ITaskTeardownContext> action, ITaskTeardownContext taskTeardownContext)
    {
    }
}
