namespace DataPlatform.Build.Tests.Host;

public sealed class BuildHostTests
{
    [Fact]
    public async Task Runs_dependencies_first_each_once_inside_setup_and_teardown()
    {
        var run = await HostRun.RunAsync("--target=Last");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["setup", "First", "Second", "Last", "teardown"], run.Journal);
    }

    [Fact]
    public async Task A_task_whose_criteria_say_no_is_skipped_with_its_reason()
    {
        var run = await HostRun.RunAsync("--target=Last");

        Assert.DoesNotContain("Never", run.Journal);
        Assert.Matches(@"Never\s+.*Skipped", run.Console.Output);
    }

    [Fact]
    public async Task Exclusive_runs_only_the_target()
    {
        var run = await HostRun.RunAsync("--target=Last", "--exclusive");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["Last"], run.TasksRun);
    }

    [Fact]
    public async Task Dry_run_lists_the_tasks_and_their_steps_in_order_and_runs_nothing()
    {
        var run = await HostRun.RunAsync("--target=Second", "--dryrun");

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Journal);
        var output = run.Console.Output;
        Assert.True(output.IndexOf("1. First", StringComparison.Ordinal) < output.IndexOf("2. Second", StringComparison.Ordinal), output);
        Assert.Contains("- step two", output);
    }

    [Fact]
    public async Task A_failing_task_exits_non_zero_stops_its_dependents_and_still_prints_the_summary_and_tears_down()
    {
        var run = await HostRun.RunAsync("--target=AfterBroken");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["setup", "First", "teardown"], run.Journal);
        Assert.Matches(@"Broken\s+\S+\s+Failed", run.Console.Output);
        Assert.Matches(@"First\s+\S+\s+Succeeded", run.Console.Output);
        Assert.Contains("the broken task broke, as it was told to", run.Console.Error);
    }

    [Fact]
    public async Task An_unknown_target_lists_the_targets_suggests_the_closest_and_runs_nothing()
    {
        var run = await HostRun.RunAsync("--target=Sceond");

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Journal);
        Assert.Contains("Did you mean 'Second'?", run.Console.Error);
        Assert.Contains("Valid targets: AfterBroken, Broken, First, Last, Never, Second", run.Console.Error);
    }

    [Fact]
    public async Task An_unknown_flag_lists_the_flags_and_runs_nothing()
    {
        var run = await HostRun.RunAsync("--target=Last", "--exclusiv");

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Journal);
        Assert.Contains("Did you mean --exclusive?", run.Console.Error);
        Assert.Contains("--dryrun", run.Console.Error);
    }

    [Fact]
    public async Task A_value_outside_the_allowed_ones_is_refused_before_any_work()
    {
        var run = await HostRun.RunAsync("--target=Last", "--color=rde");

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Journal);
        Assert.Contains("use one of: red, blue", run.Console.Error);
        Assert.Contains("Did you mean 'red'?", run.Console.Error);
    }

    [Fact]
    public async Task Tree_lists_every_target_with_its_description_and_what_it_runs()
    {
        var run = await HostRun.RunAsync("--tree");

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Journal);
        Assert.Matches(@"First\s+Runs first\.", run.Console.Output);
        Assert.Contains("runs: First -> Second -> Never -> Last", run.Console.Output);
    }

    [Fact]
    public async Task Help_names_each_option_and_its_environment_variable()
    {
        var run = await HostRun.RunAsync("--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--color=red|blue", run.Console.Output);
        Assert.Contains("[DATAPLATFORM_COLOR]", run.Console.Output);
    }
}
