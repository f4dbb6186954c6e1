using System.Diagnostics;
using DataPlatform.Compaction.Athena;
using ParquetSharp.Schema;

namespace DataPlatform.Compaction;

/// <summary>
/// Compacts one hour in the order that keeps readers right (docs/compaction.md): parts, then stale parts
/// removed, then the inputs list, then the watermark. Until the watermark PUT, readers do not look at
/// anything written here, so a crash at any point leaves the hour to be rewritten, under the same keys, by the rerun.
/// </summary>
public sealed class HourCompactor(LakeBucket bucket, CompactionKeys keys, CompactionSettings settings, PartWriter writer, LookbackIds lookback)
{
    private const string ParquetContentType = "application/vnd.apache.parquet";

    /// <summary>Called after each durable step; a test throws from it to play a crash there.</summary>
    public Func<CompactionCheckpoint, ValueTask>? Checkpoint { get; init; }

    /// <summary>Where an hour above <see cref="CompactionSettings.MaxFunctionHourBytes"/> goes instead of memory; null stops the run there.</summary>
    public AthenaHourRewrite? LargeHours { get; init; }

    public async Task<HourProgress> CompactAsync(DateTime hour, DateTime now, string runId, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var rawTypes = (await bucket.FoldersAsync(keys.RawRoot, cancellationToken).ConfigureAwait(false))
            .Select(CompactionKeys.EventTypeOf).OfType<string>().ToList();

        var listed = new List<RawInput>();
        foreach (var type in rawTypes)
        {
            listed.AddRange((await bucket.ListAsync(keys.RawHour(type, hour), cancellationToken).ConfigureAwait(false))
                .Where(o => o.Key.EndsWith(".parquet", StringComparison.Ordinal)).Select(o => new RawInput(o.Key, type, o.Size)));
        }

        // Files an earlier pass compacted as late files (the watermark was moved back over the hour since) are in its late
        // parts, which stay: taking them again would hold their rows twice.
        var late = await LateCompaction.ListedUrisAsync(bucket, keys, hour, CompactionKeys.IsLateInputs, cancellationToken).ConfigureAwait(false);
        listed.RemoveAll(f => late.Contains(InputsList.Uri(bucket.Name, f.Key)));

        // Listed, not read: an hour too big for this memory never enters it.
        if (listed.Sum(f => f.Size) > settings.MaxFunctionHourBytes)
        {
            return LargeHours is null
                ? throw AthenaHourRewrite.TooBigForFunction(hour, listed.Sum(f => f.Size), settings)
                : await LargeHours.CompactAsync(hour, listed, now, runId, cancellationToken).ConfigureAwait(false);
        }

        // Decoded one at a time: only one file's encoded bytes are in memory at once.
        var files = new List<RawFile>();
        GroupNode? schema = null;
        long bytesIn = 0;
        foreach (var raw in listed)
        {
            using var content = await bucket.ReadAsync(raw.Key, raw.Size, cancellationToken).ConfigureAwait(false);
            files.Add(RawFile.Read(content, raw.Key, raw.EventType, out var fileSchema));
            bytesIn += raw.Size;
            if (schema is null)
            {
                schema = fileSchema;
            }
            else
            {
                CheckSameColumns(files[0], files[^1]);
                fileSchema.Dispose();
            }
        }

        try
        {
            await lookback.PrepareAsync(hour, cancellationToken).ConfigureAwait(false);
            var plan = HourDeduplication.Plan(files, lookback.Contains, settings.PartTargetBytes);
            var written = new HashSet<string>(StringComparer.Ordinal);
            long bytesOut = 0;
            foreach (var type in plan.Types)
            {
                var contract = settings.Contracts.TryGet(type.EventType, out var found) ? found : null;
                for (var p = 0; p < type.Parts.Count; p++)
                {
                    using var part = writer.Write(schema!, plan.Files, type.Rows.AsSpan(type.Parts[p]), contract);
                    var key = keys.Part(type.EventType, hour, p);
                    await bucket.PutAsync(key, part, ParquetContentType, cancellationToken).ConfigureAwait(false);
                    bytesOut += part.Length;
                    written.Add(key);
                    await Step(CompactionStep.PartWritten, hour, written.Count).ConfigureAwait(false);
                }
            }

            await RemoveStalePartsAsync(hour, rawTypes, written, cancellationToken).ConfigureAwait(false);
            await Step(CompactionStep.StalePartsRemoved, hour, written.Count).ConfigureAwait(false);

            using (var inputs = InputsList.Write(plan.Files.Select(f => new InputFile(InputsList.Uri(bucket.Name, f.Key), f.EventType, now))))
            {
                await bucket.PutAsync(keys.Inputs(hour), inputs, "application/x-ndjson", cancellationToken).ConfigureAwait(false);
            }

            await Step(CompactionStep.InputsWritten, hour, written.Count).ConfigureAwait(false);

            using (var mark = new Watermark(hour.AddHours(1), now, runId).ToJson())
            {
                await bucket.PutAsync(keys.Watermark, mark, "application/json", cancellationToken).ConfigureAwait(false);
            }

            await Step(CompactionStep.WatermarkMoved, hour, written.Count).ConfigureAwait(false);
            var ids = plan.Files.Select(f => f.Column<string>(EnvelopeColumns.Of(f.ColumnNames, f.Key).EventId)).ToArray();
            lookback.Add(hour, plan.Types.SelectMany(t => t.Rows.Select(r => ids[r.File][r.Row])));
            return new HourProgress(hour, files.Count, plan.RowsIn, plan.DuplicatesInHour, plan.DuplicatesInLookback, plan.RowsOut, written.Count,
                bytesIn, bytesOut, clock.Elapsed.TotalSeconds);
        }
        finally
        {
            schema?.Dispose();
        }
    }

    internal static void CheckSameColumns(RawFile first, RawFile other)
    {
        if (!first.ColumnNames.SequenceEqual(other.ColumnNames, StringComparer.Ordinal)
            || !first.Columns.Select(c => c.GetType()).SequenceEqual(other.Columns.Select(c => c.GetType())))
        {
            throw new InvalidDataException(
                $"{other.Key} has columns ({string.Join(", ", other.ColumnNames)}) unlike {first.Key} ({string.Join(", ", first.ColumnNames)}), " +
                "so the hour cannot be written as one table. Raw files of one hour come from processors with different table layouts; " +
                "rewrite the older file with the current layout (or move it out of events/), then rerun.");
        }
    }

    /// <summary>
    /// Parts of this hour a crashed run left with other input (more parts, or a type that now has none). Late parts are
    /// not among them: their rows come from late files this rewrite does not take.
    /// </summary>
    private async Task RemoveStalePartsAsync(DateTime hour, IEnumerable<string> rawTypes, HashSet<string> written, CancellationToken cancellationToken)
    {
        var types = (await bucket.FoldersAsync(keys.CompactedRoot, cancellationToken).ConfigureAwait(false))
            .Select(CompactionKeys.EventTypeOf).OfType<string>().Union(rawTypes, StringComparer.Ordinal);
        var stale = new List<string>();
        foreach (var type in types)
        {
            stale.AddRange((await bucket.ListAsync(keys.CompactedHour(type, hour), cancellationToken).ConfigureAwait(false))
                .Select(o => o.Key).Where(k => !written.Contains(k) && !CompactionKeys.IsLatePart(k)));
        }

        if (stale.Count > 0)
        {
            await bucket.DeleteAsync(stale, cancellationToken).ConfigureAwait(false);
        }
    }

    private ValueTask Step(CompactionStep step, DateTime hour, int parts) =>
        Checkpoint is null ? ValueTask.CompletedTask : Checkpoint(new CompactionCheckpoint(step, hour, parts));
}
