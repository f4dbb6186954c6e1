using System.Diagnostics;
using Amazon.S3;
using DataPlatform.Aws;
using DataPlatform.Compaction.Athena;

namespace DataPlatform.Compaction;

/// <summary>
/// One compaction run: closed hours from the watermark on, oldest first, at most COMPACTION_MAX_HOURS, then late
/// files in the window below the watermark (<see cref="LateCompaction"/>), then the deletion of raw files whose
/// retention has passed. The Lambda handler and the build's Compact target both call this.
/// </summary>
public sealed class CompactionRun(IAmazonS3 s3, CompactionSettings settings)
{
    /// <summary>Called after each durable step of an hour (tests play crashes here).</summary>
    public Func<CompactionCheckpoint, ValueTask>? Checkpoint { get; init; }

    /// <summary>The Athena endpoint for hours too big for one function; null means AWS's, as the function's role and region find it.</summary>
    public AthenaClient? Athena { get; init; }

    private static readonly HttpClient AthenaHttp = new();

    /// <param name="now">The run's clock: which hours are closed, compacted_at, and raw retention.</param>
    /// <param name="stopStartingAt">No hour is started after this instant (a function's timeout); null means no limit.</param>
    public async Task<CompactionSummary> RunAsync(DateTime now, DateTime? stopStartingAt, IProgress<HourProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var clock = Stopwatch.StartNew();
        now = now.ToUniversalTime();
        var keys = new CompactionKeys(settings.Prefix);
        var bucket = new LakeBucket(s3, settings.Bucket, settings.KmsKeyArn);
        var runId = Guid.NewGuid().ToString("N");

        Watermark? watermark;
        using (var content = await bucket.TryReadAsync(keys.Watermark, cancellationToken).ConfigureAwait(false))
        {
            watermark = content is null ? null : Watermark.Parse(content, InputsList.Uri(bucket.Name, keys.Watermark));
        }

        // Hour H is closed once now >= H + 1 h + grace, so every hour before this one is.
        var closedThrough = CompactionKeys.HourStart(now - settings.Grace - TimeSpan.FromHours(1)).AddHours(1);
        var next = watermark?.CompactedThrough ?? await OldestRawHourAsync(bucket, keys, cancellationToken).ConfigureAwait(false);
        var compactedThrough = watermark?.CompactedThrough;
        var hours = new List<HourProgress>();
        var stoppedForTime = false;
        if (next is { } hour)
        {
            using var writer = new PartWriter(settings);
            var compactor = new HourCompactor(bucket, keys, settings, writer, new LookbackIds(bucket, keys, settings.Lookback))
            {
                Checkpoint = Checkpoint,
                LargeHours = settings.Athena is null ? null : new AthenaHourRewrite(bucket, keys, settings, Athena ?? new AthenaClient(new AwsEndpoint(), AthenaHttp)),
            };
            for (; hour < closedThrough && hours.Count < settings.MaxHours; hour = hour.AddHours(1))
            {
                if (stopStartingAt is { } stop && DateTime.UtcNow >= stop)
                {
                    stoppedForTime = true;
                    break;
                }

                var done = await compactor.CompactAsync(hour, now, runId, cancellationToken).ConfigureAwait(false);
                compactedThrough = hour.AddHours(1);
                hours.Add(done);
                progress?.Report(done);
            }
        }

        LateSummary? late = null;
        // Late files wait for a run with time left: they are readable, once, meanwhile.
        if (compactedThrough is { } through && !stoppedForTime && (stopStartingAt is not { } limit || DateTime.UtcNow < limit))
        {
            using var writer = new PartWriter(settings);
            late = await new LateCompaction(bucket, keys, settings, writer) { Checkpoint = Checkpoint }
                .RunAsync(through, now, progress, cancellationToken).ConfigureAwait(false);
        }

        var deleted = await new RawDeletion(bucket, keys, settings.RawRetention).RunAsync(now, compactedThrough, cancellationToken).ConfigureAwait(false);
        return new CompactionSummary(hours, compactedThrough, closedThrough, deleted, stoppedForTime, clock.Elapsed.TotalSeconds, late);
    }

    private static async Task<DateTime?> OldestRawHourAsync(LakeBucket bucket, CompactionKeys keys, CancellationToken cancellationToken)
    {
        DateTime? oldest = null;
        foreach (var folder in await bucket.FoldersAsync(keys.RawRoot, cancellationToken).ConfigureAwait(false))
        {
            // dt=YYYY-MM-DD/hour=HH sorts as time does, so a type's first key is its oldest hour.
            if (await bucket.FirstKeyAsync(folder, cancellationToken).ConfigureAwait(false) is { } key && CompactionKeys.HourOf(key) is { } hour)
            {
                oldest = oldest is null || hour < oldest ? hour : oldest;
            }
        }

        return oldest;
    }
}
