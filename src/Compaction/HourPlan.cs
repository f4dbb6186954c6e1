namespace DataPlatform.Compaction;

/// <summary>What an hour becomes: per event type, its kept rows in output order cut into parts, and what was dropped.</summary>
public sealed class HourPlan
{
    public required IReadOnlyList<RawFile> Files { get; init; }

    /// <summary>Per event type (ordinal order), the row ranges of each part, over <see cref="Rows"/>.</summary>
    public required IReadOnlyList<TypeParts> Types { get; init; }

    public long RowsIn { get; init; }

    /// <summary>Copies dropped because an earlier-sent copy of the same event id is in the hour.</summary>
    public long DuplicatesInHour { get; init; }

    /// <summary>Rows dropped because their event id is already in a compacted hour of the look-back window.</summary>
    public long DuplicatesInLookback { get; init; }

    public long RowsOut => Types.Sum(t => (long)t.Rows.Length);

    public sealed record TypeParts(string EventType, RowRef[] Rows, IReadOnlyList<Range> Parts);
}
