using DataPlatform.Operations.Status;

namespace DataPlatform.Operations.Tests.Status;

[Collection(StatusLakeCollection.Name)]
public sealed class StatusCollectorTests(StatusLake lake)
{
    private StatusReport Report => lake.Report;

    [Fact]
    public void The_ingest_queue_shows_the_visible_and_the_delayed_message_and_the_age_CloudWatch_holds()
    {
        Assert.Equal("status-ingest", Report.Queue.Name);
        Assert.Equal(1, Report.Queue.Visible);
        Assert.Equal(0, Report.Queue.InFlight);
        Assert.Equal(1, Report.Queue.Delayed);
        Assert.Equal(TimeSpan.FromSeconds(StatusLake.OldestAgeSeconds), Report.Queue.OldestAge);
    }

    [Fact]
    public void The_dead_letter_queue_shows_its_depth_and_says_its_age_is_not_published_on_the_emulator()
    {
        Assert.Equal(StatusLake.DeadLettered, Report.DeadLetters.Visible);
        Assert.Null(Report.DeadLetters.OldestAge);
        Assert.Equal(StatusText.NoAgeMetric, StatusText.OldestAge(Report.DeadLetters));
    }

    [Fact]
    public void Quarantine_counts_the_refused_bodies_by_reason_with_their_positions_left_out()
    {
        Assert.Equal(StatusLake.NotJson + StatusLake.MissingType, Report.Quarantine.Total);
        Assert.Equal(
            [
                new KeyValuePair<string, long>("the body is not valid JSON", StatusLake.NotJson),
                new KeyValuePair<string, long>("the required field 'event_type' is missing", StatusLake.MissingType),
            ],
            Report.Quarantine.ByReason);
        Assert.Equal(StatusLake.NotJson + StatusLake.MissingType, Report.Quarantine.PerHour.Values.Sum());
    }

    [Fact]
    public void The_lake_counts_every_landed_row_from_the_footers_in_the_hours_it_landed()
    {
        Assert.Equal(6, Report.Lake.Hours.Count);
        Assert.Equal(StatusLake.Good, Report.Lake.Rows);
        // One file per event type per batch of ten: the three types spread over the batches.
        Assert.InRange(Report.Lake.Objects, StatusLake.Types.Length, StatusLake.Good);
        Assert.True(Report.Lake.Bytes > Report.Lake.Objects * 100, "each landed object is a real Parquet file of some size");
        var landedHours = Report.Lake.Hours.Where(h => h.Rows > 0).Select(h => h.Hour).ToList();
        Assert.All(landedHours, hour => Assert.InRange(hour,
            StatusClock.HourOf(lake.LandedFrom.UtcDateTime), StatusClock.HourOf(lake.LandedUntil.UtcDateTime)));
    }

    [Fact]
    public void Freshness_is_the_newest_ingested_at_from_the_column_statistics()
    {
        var newest = Assert.IsType<DateTime>(Report.Lake.NewestIngestedAt);
        Assert.InRange(newest, lake.LandedFrom.UtcDateTime.AddSeconds(-1), lake.LandedUntil.UtcDateTime.AddSeconds(1));
        Assert.InRange(Report.Lake.FreshnessLag(Report.Request.Now)!.Value, TimeSpan.Zero, TimeSpan.FromMinutes(2));
    }

    [Fact]
    public void The_firing_alarm_and_the_image_digest_are_named()
    {
        var alarm = Assert.Single(Report.Alarms!);
        Assert.Equal(StatusLake.AlarmName, alarm.Name);
        Assert.Equal("3 messages in the DLQ", alarm.Reason);
        Assert.Equal("sha256:abc123", Report.ImageDigest);
    }

    [Fact]
    public void The_chart_series_add_up_to_what_was_sent()
    {
        Assert.Equal(StatusLake.Good, Report.EventsPerHour.Sum(h => h.Landed));
        Assert.Equal(StatusLake.NotJson + StatusLake.MissingType, Report.EventsPerHour.Sum(h => h.Quarantined));
        Assert.Equal(StatusLake.DeadLettered, Report.EventsPerHour[^1].DeadLettered);
    }
}
