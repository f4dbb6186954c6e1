using Xunit.Abstractions;

namespace DataPlatform.Deploy.Tests.Pipeline;

/// <summary>
/// ./build.sh --target=Status on the lifecycle's deployed environment. Other tests share it, so the
/// assertions name this environment's own resources rather than counts others may change.
/// </summary>
[Collection(LocalLifecycleCollection.Name)]
public sealed class LocalStatusTests(LocalLifecycle lifecycle, ITestOutputHelper output)
{
    [Fact]
    public void Status_prints_one_screen_naming_the_deployed_queues_and_image()
    {
        var run = lifecycle.Status;
        output.WriteLine($"status: {run.Duration.TotalSeconds:0.0} s");

        Assert.True(run.ExitCode == 0, run.ToString());
        var queue = lifecycle.Outputs["ingest_queue_url"].Split('/')[^1];
        var deadLetters = lifecycle.Outputs["dead_letter_queue_url"].Split('/')[^1];
        Assert.Contains($"ingest ({queue})", run.Output, StringComparison.Ordinal);
        Assert.Contains($"dead-letter ({deadLetters})", run.Output, StringComparison.Ordinal);
        Assert.Contains("Quarantine, last 24 h:", run.Output, StringComparison.Ordinal);
        Assert.Contains("Lake, last 2 h", run.Output, StringComparison.Ordinal);
        Assert.Contains(lifecycle.Outputs["processor_image_uri"], run.Output, StringComparison.Ordinal);
        Assert.Contains("Alarms:", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Status_writes_a_self_contained_status_html_with_the_chart()
    {
        Assert.Contains("<figure id=\"events-per-hour\"><svg", lifecycle.StatusPage, StringComparison.Ordinal);
        Assert.Contains("DLQ (depth now)", lifecycle.StatusPage, StringComparison.Ordinal);
        Assert.Contains(lifecycle.Outputs["processor_image_uri"], lifecycle.StatusPage, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", lifecycle.StatusPage, StringComparison.OrdinalIgnoreCase);
    }
}
