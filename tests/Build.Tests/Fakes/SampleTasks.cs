using Cake.Core;
using DataPlatform.Build.Host;

namespace DataPlatform.Build.Tests.Fakes;

[TaskName("First")]
[TaskDescription("Runs first.")]
public sealed class FirstTask : BuildTask<RecordingContext>
{
    public override void Run(RecordingContext context) => context.Journal.Add("First");
}

[TaskName("Second")]
[IsDependentOn(typeof(FirstTask))]
public sealed class SecondTask : AsyncBuildTask<RecordingContext>, IDescribesSteps<RecordingContext>
{
    public IEnumerable<string> DescribeSteps(RecordingContext context) => ["step one", "step two"];

    public override async Task RunAsync(RecordingContext context)
    {
        await Task.Yield();
        context.Journal.Add("Second");
    }
}

[TaskName("Never")]
[IsDependentOn(typeof(FirstTask))]
public sealed class NeverTask : BuildTask<RecordingContext>
{
    public override string SkipReason => "it is never wanted";

    public override bool ShouldRun(RecordingContext context) => false;

    public override void Run(RecordingContext context) => context.Journal.Add("Never");
}

[TaskName("Last")]
[IsDependentOn(typeof(SecondTask))]
[IsDependentOn(typeof(NeverTask))]
public sealed class LastTask : BuildTask<RecordingContext>
{
    public override void Run(RecordingContext context) => context.Journal.Add("Last");
}

[TaskName("Broken")]
[IsDependentOn(typeof(FirstTask))]
public sealed class BrokenTask : BuildTask<RecordingContext>
{
    public override void Run(RecordingContext context) =>
        throw new BuildFailedException("the broken task broke, as it was told to");
}

[TaskName("AfterBroken")]
[IsDependentOn(typeof(BrokenTask))]
public sealed class AfterBrokenTask : BuildTask<RecordingContext>
{
    public override void Run(RecordingContext context) => context.Journal.Add("AfterBroken");
}

public sealed class RecordingLifetime : IBuildLifetime<RecordingContext>
{
    public void Setup(RecordingContext context, ISetupContext info) => context.Journal.Add("setup");

    public void Teardown(RecordingContext context, ITeardownContext info) => context.Journal.Add("teardown");
}
