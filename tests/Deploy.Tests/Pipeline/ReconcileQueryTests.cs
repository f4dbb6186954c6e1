namespace DataPlatform.Deploy.Tests.Pipeline;

[Collection(LocalLifecycleCollection.Name)]
public sealed class ReconcileQueryTests(LocalLifecycle lifecycle)
{
    private ReconcileQueryRun Run => lifecycle.ReconcileQuery;

    [Fact]
    public void Send_records_what_it_sent_in_the_ledger()
    {
        Assert.True(Run.Send.ExitCode == 0, Run.Send.ToString());
        Assert.Contains($"Sent {ReconcileQueryRun.Events} message(s)", Run.Send.Output, StringComparison.Ordinal);
        Assert.Contains(Run.RunId, string.Concat(Directory.GetFiles(Path.Combine(lifecycle.StateDirectory, "local", "ledger")).Select(File.ReadAllText)));
    }

    [Fact]
    public void Reconcile_names_the_message_deleted_from_the_queue_before_processing()
    {
        Assert.True(Run.Drain.ExitCode == 0, Run.Drain.ToString());
        Assert.NotEqual("", Run.DeletedMessageId);
        Assert.Contains("the send ledger (exact)", Run.Reconcile.Output, StringComparison.Ordinal);
        Assert.Contains("Missing (", Run.Reconcile.Output, StringComparison.Ordinal);
        var line = Assert.Single(Run.Reconcile.Output.Split('\n'), l => l.Contains(Run.DeletedMessageId, StringComparison.Ordinal));
        Assert.Contains($"{Run.RunId}-", line, StringComparison.Ordinal);
        // Nothing of this run is elsewhere: each of its other ids landed.
        Assert.DoesNotContain(Run.Reconcile.Output.Split('\n'), l => l.Contains(Run.RunId, StringComparison.Ordinal) && l != line);
    }

    [Fact]
    public void Query_counts_this_run_s_landed_events_on_screen_and_in_the_csv()
    {
        Assert.True(Run.Query.ExitCode == 0, Run.Query.ToString());
        Assert.Equal(["n", (ReconcileQueryRun.Events - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)],
            Run.QueryCsv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains("1 row(s).", Run.Query.Output, StringComparison.Ordinal);
    }
}
