namespace DataPlatform.Deploy.Tests.Pipeline;

/// <summary>The operator targets Redrive and Replay, run with ./build.sh on the lifecycle's deployed local environment.</summary>
[Collection(LocalLifecycleCollection.Name)]
public sealed class RedriveReplayTests(LocalLifecycle lifecycle)
{
    private RedriveReplayRuns Runs => lifecycle.RedriveReplay ?? throw new InvalidOperationException("The local deploy failed, so Redrive and Replay did not run: " + lifecycle.FirstDeploy);

    [Fact]
    public void Redrive_moves_the_dead_letter_queues_messages_to_the_ingest_queue_and_leaves_it_empty()
    {
        var run = Runs.Redrive;

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("SQS's message-move task is not available here", run.Output);
        Assert.Matches(@"Redrive: moved \d+ message\(s\) from \S+ to \S+\.", run.Output);
        Assert.Equal(0, Runs.DeadLettersAfterRedrive);

        // Drain processed the ingest queue afterwards: the redriven events are rows in the lake.
        Assert.True(Runs.Drain.ExitCode == 0, Runs.Drain.ToString());
        Assert.Equal(Runs.RedriveIds.Order(StringComparer.Ordinal), Runs.LandedRedriveIds);
    }

    [Fact]
    public void Replay_after_a_fix_lands_the_quarantined_events_and_a_second_replay_sends_nothing()
    {
        Assert.Equal(4, Runs.Quarantined);
        var run = Runs.Replay;
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"pass today: will be sent\s+4\b", run.Output);
        Assert.Contains("Replay: sent 4 bodies", run.Output);

        Assert.Equal(Runs.ReplayIds.Order(StringComparer.Ordinal), Runs.LandedReplayIds);

        var second = Runs.SecondReplay;
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Matches(@"replayed before \(skipped\)\s+4\b", second.Output);
        Assert.Contains("Replay: nothing to send.", second.Output);
    }
}
