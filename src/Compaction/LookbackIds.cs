using ParquetSharp;

namespace DataPlatform.Compaction;

/// <summary>
/// The event ids of compacted hours in the look-back window, read as the parts' event_id column only and
/// kept per hour as 128-bit keys, so the next hour of the run reuses what the last one loaded.
/// Only hours below the watermark are read: parts at or after it may be a crashed run's leftovers.
/// </summary>
public sealed class LookbackIds(LakeBucket bucket, CompactionKeys keys, TimeSpan lookback)
{
    private readonly Dictionary<DateTime, HashSet<UInt128>> _hours = [];

    /// <summary>Loads the window before <paramref name="hour"/> (all hours of it lie below the watermark) and forgets older hours.</summary>
    public Task PrepareAsync(DateTime hour, CancellationToken cancellationToken) => PrepareAsync(hour - lookback, hour, cancellationToken);

    /// <summary>
    /// Loads the compacted hours from <paramref name="from"/> up to <paramref name="until"/> (all below the watermark) and
    /// forgets older hours. Late files use it for the window around their hour, which reaches past it up to the watermark.
    /// </summary>
    public async Task PrepareAsync(DateTime from, DateTime until, CancellationToken cancellationToken)
    {
        foreach (var old in _hours.Keys.Where(h => h < CompactionKeys.HourStart(from)).ToList())
        {
            _hours.Remove(old);
        }

        if (lookback <= TimeSpan.Zero)
        {
            return;
        }

        var types = (await bucket.FoldersAsync(keys.CompactedRoot, cancellationToken).ConfigureAwait(false))
            .Select(CompactionKeys.EventTypeOf).OfType<string>().ToList();
        for (var h = CompactionKeys.HourStart(from); h < until; h = h.AddHours(1))
        {
            if (_hours.ContainsKey(h))
            {
                continue;
            }

            var ids = new HashSet<UInt128>();
            foreach (var type in types)
            {
                foreach (var part in await bucket.ListAsync(keys.CompactedHour(type, h), cancellationToken).ConfigureAwait(false))
                {
                    using var content = await bucket.ReadAsync(part.Key, part.Size, cancellationToken).ConfigureAwait(false);
                    AddIds(content, ids);
                }
            }

            _hours[h] = ids;
        }
    }

    /// <summary>An hour just compacted (or given a late part): its ids join the window for the hours after it.</summary>
    public void Add(DateTime hour, IEnumerable<string> eventIds)
    {
        if (!_hours.TryGetValue(hour, out var ids))
        {
            _hours[hour] = ids = [];
        }

        ids.UnionWith(eventIds.Select(EventIdKey.Of));
    }

    public bool Contains(string eventId)
    {
        if (_hours.Count == 0)
        {
            return false;
        }

        var key = EventIdKey.Of(eventId);
        foreach (var ids in _hours.Values)
        {
            if (ids.Contains(key))
            {
                return true;
            }
        }

        return false;
    }

    private static void AddIds(Stream parquet, HashSet<UInt128> ids)
    {
        using var file = new ParquetFileReader(parquet, leaveOpen: true);
        var column = file.FileMetaData.Schema.ColumnIndex("event_id");
        for (var g = 0; g < file.FileMetaData.NumRowGroups; g++)
        {
            using var group = file.RowGroup(g);
            using var reader = group.Column(column).LogicalReader<string>();
            foreach (var id in reader.ReadAll(checked((int)group.MetaData.NumRows)))
            {
                ids.Add(EventIdKey.Of(id));
            }
        }
    }
}
