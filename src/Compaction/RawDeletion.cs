using System.Globalization;
using System.Text;
using System.Text.Json;

namespace DataPlatform.Compaction;

/// <summary>
/// Deletes the raw files of compacted hours once their retention has passed: only files named in an inputs
/// list (regular or late) of an hour below the watermark, only under events/, hour by hour in order, stopping at the first hour
/// compacted too recently. Deleting is idempotent, so the mark of how far it got is written once at the end.
/// </summary>
public sealed class RawDeletion(LakeBucket bucket, CompactionKeys keys, TimeSpan retention)
{
    public async Task<int> RunAsync(DateTime now, DateTime? compactedThrough, CancellationToken cancellationToken)
    {
        if (compactedThrough is not { } watermark)
        {
            return 0;
        }

        var start = await MarkAsync(cancellationToken).ConfigureAwait(false);
        if (start is null)
        {
            var first = await bucket.FirstKeyAsync(keys.InputsRoot, cancellationToken).ConfigureAwait(false);
            start = first is null ? null : CompactionKeys.HourOf("/" + first[keys.InputsRoot.Length..]);
        }

        if (start is not { } hour)
        {
            return 0;
        }

        var deleted = 0;
        var done = hour;
        for (; hour < watermark; hour = hour.AddHours(1))
        {
            var lists = await bucket.ListAsync(keys.InputsHour(hour), cancellationToken).ConfigureAwait(false);
            var files = new List<InputFile>();
            foreach (var list in lists)
            {
                using var content = await bucket.ReadAsync(list.Key, list.Size, cancellationToken).ConfigureAwait(false);
                files.AddRange(InputsList.Read(content, InputsList.Uri(bucket.Name, list.Key)));
            }

            if (files.Any(f => f.CompactedAt.ToUniversalTime() + retention > now))
            {
                break;
            }

            var named = files.Select(f => InputsList.KeyOf(bucket.Name, f.Uri))
                .OfType<string>()
                .Where(k => k.StartsWith(keys.RawRoot, StringComparison.Ordinal))
                .ToHashSet(StringComparer.Ordinal);
            // Only files still there: an hour revisited for its late list (HoldBackAsync) had its other files deleted
            // before, and the count says what this run deleted.
            var doomed = new List<string>();
            foreach (var folder in named.Select(k => k[..(k.LastIndexOf('/') + 1)]).Distinct(StringComparer.Ordinal))
            {
                doomed.AddRange((await bucket.ListAsync(folder, cancellationToken).ConfigureAwait(false)).Select(o => o.Key).Where(named.Contains));
            }

            if (doomed.Count > 0)
            {
                await bucket.DeleteAsync(doomed, cancellationToken).ConfigureAwait(false);
                deleted += doomed.Count;
            }

            done = hour.AddHours(1);
        }

        if (done > start)
        {
            await WriteMarkAsync(done, now, cancellationToken).ConfigureAwait(false);
        }

        return deleted;
    }

    /// <summary>
    /// Makes the next deletion start no later than <paramref name="hour"/>: a late list written there, below the mark,
    /// would otherwise never be read again. Called before the late part, so a crash after it loses nothing. Until that
    /// list's retention passes, deletion stops at its hour, as it does at any hour compacted too recently.
    /// </summary>
    public async Task HoldBackAsync(DateTime hour, DateTime now, CancellationToken cancellationToken)
    {
        if (await MarkAsync(cancellationToken).ConfigureAwait(false) is { } mark && mark > hour)
        {
            await WriteMarkAsync(hour, now, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WriteMarkAsync(DateTime through, DateTime now, CancellationToken cancellationToken)
    {
        using var mark = new MemoryStream(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $$"""{"raw_deleted_through":"{{through:yyyy-MM-ddTHH:mm:ssZ}}","updated_at":"{{now:yyyy-MM-ddTHH:mm:ss.fffZ}}"}""") + "\n"));
        await bucket.PutAsync(keys.RawDeletedMark, mark, "application/json", cancellationToken).ConfigureAwait(false);
    }

    private async Task<DateTime?> MarkAsync(CancellationToken cancellationToken)
    {
        using var content = await bucket.TryReadAsync(keys.RawDeletedMark, cancellationToken).ConfigureAwait(false);
        if (content is null)
        {
            return null;
        }

        using var json = JsonDocument.Parse(content);
        return json.RootElement.GetProperty("raw_deleted_through").GetDateTime().ToUniversalTime();
    }
}
