using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using DataPlatform.Compaction.Athena;
using ParquetSharp.Schema;

namespace DataPlatform.Compaction;

/// <summary>
/// Compacts late files (docs/compaction.md, "Late files"): raw files of hours already below the watermark that no
/// inputs list of their hour names. For each such hour within the window, oldest first: the raw deletion mark held
/// back to it, then one <c>part-late-&lt;hash&gt;</c> per event type with the rows the compacted side does not hold yet,
/// then <c>inputs-late-&lt;hash&gt;.json</c>. The hash is of the files' uris, so a rerun after a crash writes the same names.
/// </summary>
public sealed class LateCompaction(LakeBucket bucket, CompactionKeys keys, CompactionSettings settings, PartWriter writer)
{
    private const string ParquetContentType = "application/vnd.apache.parquet";

    /// <summary>Called after each durable step; a test throws from it to play a crash there.</summary>
    public Func<CompactionCheckpoint, ValueTask>? Checkpoint { get; init; }

    /// <summary>
    /// The look-back of the readers' view (Operations' ExactlyOnceSql.DefaultLookbackHours; a test keeps them equal): it
    /// drops a raw row only while a compacted hour within this much before the watermark holds its id.
    /// </summary>
    public const int ViewLookbackHours = 24;

    /// <summary>Compacts the late files of the hours in [watermark − window, watermark): the look-back, at most the view's.</summary>
    /// <param name="progress">Told of each hour whose late files were added, as the regular hours are (a line each).</param>
    public async Task<LateSummary> RunAsync(DateTime watermark, DateTime now, IProgress<HourProgress>? progress, CancellationToken cancellationToken)
    {
        // Between a late part and its list, the view hides the late raw rows only because C holds their ids within its
        // look-back before the watermark; a late hour further down would show them twice for that moment.
        var window = TimeSpan.FromHours(Math.Min(settings.Lookback.TotalHours, ViewLookbackHours));
        if (window <= TimeSpan.Zero)
        {
            return new LateSummary(0, 0, 0);
        }

        var from = CompactionKeys.HourStart(watermark - window);
        var rawTypes = (await bucket.FoldersAsync(keys.RawRoot, cancellationToken).ConfigureAwait(false))
            .Select(CompactionKeys.EventTypeOf).OfType<string>().ToList();
        var lateHours = new List<(DateTime Hour, List<RawInput> Files)>();
        for (var hour = from; hour < watermark; hour = hour.AddHours(1))
        {
            var late = await LateFilesAsync(hour, rawTypes, cancellationToken).ConfigureAwait(false);
            if (late.Count > 0)
            {
                lateHours.Add((hour, late));
            }
        }

        if (lateHours.Count == 0)
        {
            return new LateSummary(0, 0, 0);
        }

        await new RawDeletion(bucket, keys, settings.RawRetention).HoldBackAsync(lateHours[0].Hour, now, cancellationToken).ConfigureAwait(false);

        // An event id the compacted side holds anywhere from a look-back before the late hour up to the watermark is
        // not added again: earlier hours win by the engine's rule, and a later hour's copy is already the one readers see.
        var compacted = new LookbackIds(bucket, keys, settings.Lookback);
        await compacted.PrepareAsync(lateHours[0].Hour - settings.Lookback, watermark, cancellationToken).ConfigureAwait(false);
        long rowsOut = 0;
        foreach (var (hour, files) in lateHours)
        {
            var done = await CompactHourAsync(hour, files, compacted, now, cancellationToken).ConfigureAwait(false);
            rowsOut += done.RowsOut;
            progress?.Report(done);
        }

        return new LateSummary(lateHours.Sum(h => h.Files.Count), lateHours.Count, rowsOut);
    }

    /// <summary>The hour's raw files that none of its inputs lists (regular or late) names.</summary>
    private async Task<List<RawInput>> LateFilesAsync(DateTime hour, List<string> rawTypes, CancellationToken cancellationToken)
    {
        var raw = new List<RawInput>();
        foreach (var type in rawTypes)
        {
            raw.AddRange((await bucket.ListAsync(keys.RawHour(type, hour), cancellationToken).ConfigureAwait(false))
                .Where(o => o.Key.EndsWith(".parquet", StringComparison.Ordinal)).Select(o => new RawInput(o.Key, type, o.Size)));
        }

        if (raw.Count == 0)
        {
            return raw;
        }

        var listed = await ListedUrisAsync(bucket, keys, hour, _ => true, cancellationToken).ConfigureAwait(false);
        return [.. raw.Where(f => !listed.Contains(InputsList.Uri(bucket.Name, f.Key))).OrderBy(f => f.Key, StringComparer.Ordinal)];
    }

    /// <summary>The uris named by the hour's inputs lists that <paramref name="which"/> accepts (by key).</summary>
    public static async Task<HashSet<string>> ListedUrisAsync(LakeBucket bucket, CompactionKeys keys, DateTime hour, Func<string, bool> which, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(which);
        var uris = new HashSet<string>(StringComparer.Ordinal);
        foreach (var list in (await bucket.ListAsync(keys.InputsHour(hour), cancellationToken).ConfigureAwait(false)).Where(o => which(o.Key)))
        {
            using var content = await bucket.ReadAsync(list.Key, list.Size, cancellationToken).ConfigureAwait(false);
            uris.UnionWith(InputsList.Read(content, InputsList.Uri(bucket.Name, list.Key)).Select(f => f.Uri));
        }

        return uris;
    }

    private async Task<HourProgress> CompactHourAsync(DateTime hour, List<RawInput> late, LookbackIds compacted, DateTime now, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var uris = late.Select(f => InputsList.Uri(bucket.Name, f.Key)).Order(StringComparer.Ordinal).ToList();
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", uris))))[..16];
        var files = new List<RawFile>();
        GroupNode? schema = null;
        try
        {
            foreach (var raw in late)
            {
                using var content = await bucket.ReadAsync(raw.Key, raw.Size, cancellationToken).ConfigureAwait(false);
                files.Add(RawFile.Read(content, raw.Key, raw.EventType, out var fileSchema));
                if (schema is null)
                {
                    schema = fileSchema;
                }
                else
                {
                    HourCompactor.CheckSameColumns(files[0], files[^1]);
                    fileSchema.Dispose();
                }
            }

            // Late files are a batch or two: one part per type, whatever the part target.
            var plan = HourDeduplication.Plan(files, compacted.Contains, long.MaxValue);
            var written = 0;
            long bytesOut = 0;
            foreach (var type in plan.Types)
            {
                var contract = settings.Contracts.TryGet(type.EventType, out var found) ? found : null;
                using var part = writer.Write(schema!, plan.Files, type.Rows, contract);
                bytesOut += part.Length;
                await bucket.PutAsync(keys.LatePart(type.EventType, hour, hash), part, ParquetContentType, cancellationToken).ConfigureAwait(false);
                written++;
                await Step(CompactionStep.LatePartWritten, hour, written).ConfigureAwait(false);
            }

            // Written even when no row survived: the list is what makes the files deletable after the retention.
            using (var inputs = InputsList.Write(plan.Files.Select(f => new InputFile(InputsList.Uri(bucket.Name, f.Key), f.EventType, now))))
            {
                await bucket.PutAsync(keys.LateInputs(hour, hash), inputs, "application/x-ndjson", cancellationToken).ConfigureAwait(false);
            }

            await Step(CompactionStep.LateInputsWritten, hour, written).ConfigureAwait(false);
            var ids = plan.Files.Select(f => f.Column<string>(EnvelopeColumns.Of(f.ColumnNames, f.Key).EventId)).ToArray();
            compacted.Add(hour, plan.Types.SelectMany(t => t.Rows.Select(r => ids[r.File][r.Row])));
            return new HourProgress(hour, late.Count, plan.RowsIn, plan.DuplicatesInHour, plan.DuplicatesInLookback, plan.RowsOut, written,
                late.Sum(f => f.Size), bytesOut, clock.Elapsed.TotalSeconds, Late: true);
        }
        finally
        {
            schema?.Dispose();
        }
    }

    private ValueTask Step(CompactionStep step, DateTime hour, int parts) =>
        Checkpoint is null ? ValueTask.CompletedTask : Checkpoint(new CompactionCheckpoint(step, hour, parts));
}
