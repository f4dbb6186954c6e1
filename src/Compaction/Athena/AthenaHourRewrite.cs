using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DataPlatform.Compaction.Athena;

/// <summary>
/// Compacts an hour too big for the function's memory by handing the same rewrite to Athena (docs/compaction.md,
/// "Hours too big for one function"), in the engine's order: the hour's compacted prefix emptied (a crashed attempt's
/// files), the INSERT run to its end, then the inputs list, then the watermark. Until that PUT readers ignore the prefix.
/// </summary>
public sealed class AthenaHourRewrite(LakeBucket bucket, CompactionKeys keys, CompactionSettings settings, AthenaClient athena)
{
    /// <summary>How soon the first state check comes; tests on the emulator shorten it.</summary>
    public TimeSpan FirstPoll { get; init; } = TimeSpan.FromSeconds(2);

    public async Task<HourProgress> CompactAsync(DateTime hour, IReadOnlyList<RawInput> rawFiles, DateTime now, string runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rawFiles);
        var athenaSettings = settings.Athena ?? throw TooBigForFunction(hour, rawFiles.Sum(f => f.Size), settings);
        var clock = Stopwatch.StartNew();
        var uris = rawFiles.Select(f => InputsList.Uri(bucket.Name, f.Key)).Order(StringComparer.Ordinal).ToList();
        var inputsHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", uris))));
        var rawTypes = rawFiles.Select(f => f.EventType).Distinct(StringComparer.Ordinal).ToList();
        var compactedTypes = (await bucket.FoldersAsync(keys.CompactedRoot, cancellationToken).ConfigureAwait(false))
            .Select(CompactionKeys.EventTypeOf).OfType<string>().ToList();

        if (!await AdoptFinishedAttemptAsync(hour, inputsHash, cancellationToken).ConfigureAwait(false))
        {
            await EmptyHourAsync(hour, rawTypes.Union(compactedTypes, StringComparer.Ordinal), cancellationToken).ConfigureAwait(false);
            var sql = HourRewriteSql.AthenaInsert(hour, rawTypes, compactedTypes, uris, settings.Lookback);
            var token = string.Create(CultureInfo.InvariantCulture, $"{runId}-{hour:yyyyMMddHH}");
            var id = await athena.StartAsync(sql, athenaSettings, token, cancellationToken).ConfigureAwait(false);
            using (var marker = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(new AttemptMarker(id, inputsHash))))
            {
                await bucket.PutAsync(MarkerKey(hour), marker, "application/json", cancellationToken).ConfigureAwait(false);
            }

            var state = await athena.WaitAsync(id, FirstPoll, cancellationToken).ConfigureAwait(false);
            if (!state.Succeeded)
            {
                throw new InvalidOperationException(
                    $"Athena's rewrite of the hour {hour:yyyy-MM-ddTHH}:00Z (query {id}) ended {state.State}: {state.Reason ?? "Athena gave no reason"}. " +
                    "The watermark did not move, so readers keep seeing the hour raw; the query's history in the workgroup shows the cause, and the next run " +
                    "empties the hour's compacted prefix and tries again.");
            }
        }

        using (var inputs = InputsList.Write(rawFiles.Select(f => new InputFile(InputsList.Uri(bucket.Name, f.Key), f.EventType, now))))
        {
            await bucket.PutAsync(keys.Inputs(hour), inputs, "application/x-ndjson", cancellationToken).ConfigureAwait(false);
        }

        using (var mark = new Watermark(hour.AddHours(1), now, runId).ToJson())
        {
            await bucket.PutAsync(keys.Watermark, mark, "application/json", cancellationToken).ConfigureAwait(false);
        }

        var written = new List<LakeObject>();
        foreach (var type in rawTypes)
        {
            written.AddRange(await bucket.ListAsync(keys.CompactedHour(type, hour), cancellationToken).ConfigureAwait(false));
        }

        return new HourProgress(hour, rawFiles.Count, 0, 0, 0, 0, written.Count, rawFiles.Sum(f => f.Size), written.Sum(o => o.Size),
            clock.Elapsed.TotalSeconds, ByAthena: true);
    }

    /// <summary>An hour above the threshold with no Athena to hand it to: the run stops before loading it.</summary>
    public static InvalidOperationException TooBigForFunction(DateTime hour, long bytes, CompactionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
            $"The hour {hour:yyyy-MM-ddTHH}:00Z holds {bytes} bytes of raw files, above {AthenaSettings.MaxFunctionHourBytesVariable} " +
            $"({settings.MaxFunctionHourBytes}): loading it could run the function out of memory, and no Athena workgroup is set to rewrite it instead. " +
            $"Set {AthenaSettings.WorkgroupVariable} and {AthenaSettings.DatabaseVariable}, or raise the function's memory and the threshold " +
            $"with it (bench/README.md). Nothing was written for this hour; readers keep seeing it raw."));
    }

    private string MarkerKey(DateTime hour) => $"{keys.Prefix}compacted/_athena/{CompactionKeys.HourPath(hour)}query.json";

    /// <summary>
    /// An earlier run's query for this hour may outlive that run (Athena allows 30 min, a function 15): it is waited for,
    /// so it cannot write into the prefix after it is emptied, and when it succeeded over the same raw files its output is the hour.
    /// </summary>
    private async Task<bool> AdoptFinishedAttemptAsync(DateTime hour, string inputsHash, CancellationToken cancellationToken)
    {
        using var content = await bucket.TryReadAsync(MarkerKey(hour), cancellationToken).ConfigureAwait(false);
        if (content is null || JsonSerializer.Deserialize<AttemptMarker>(content) is not { } marker)
        {
            return false;
        }

        var state = await athena.WaitAsync(marker.QueryExecutionId, FirstPoll, cancellationToken).ConfigureAwait(false);
        return state.Succeeded && marker.InputsSha256 == inputsHash;
    }

    private async Task EmptyHourAsync(DateTime hour, IEnumerable<string> types, CancellationToken cancellationToken)
    {
        var leftovers = new List<string>();
        foreach (var type in types)
        {
            // Late parts stay: their rows come from late files the rewrite is not given (HourCompactor leaves them out).
            leftovers.AddRange((await bucket.ListAsync(keys.CompactedHour(type, hour), cancellationToken).ConfigureAwait(false))
                .Select(o => o.Key).Where(k => !CompactionKeys.IsLatePart(k)));
        }

        if (leftovers.Count > 0)
        {
            await bucket.DeleteAsync(leftovers, cancellationToken).ConfigureAwait(false);
        }
    }

    private sealed record AttemptMarker(
        [property: JsonPropertyName("query_execution_id")] string QueryExecutionId,
        [property: JsonPropertyName("inputs_sha256")] string InputsSha256);
}
