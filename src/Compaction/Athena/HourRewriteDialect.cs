namespace DataPlatform.Compaction.Athena;

/// <summary>
/// What differs between Athena and DuckDB in <see cref="HourRewriteSql"/>: the relations' names, how a raw row names its
/// file, how a partition's hour becomes a timestamp and how its dt/hour read as the text of its key. Athena keeps the
/// partition columns bare, so partition projection prunes on them (and the injected event_type gets its equality).
/// </summary>
public sealed record HourRewriteDialect
{
    public required string RawEvents { get; init; }

    public required string CompactedEvents { get; init; }

    /// <summary>An expression over a raw row (alias <c>r</c>) giving its file as <c>s3://bucket/key</c>.</summary>
    public required string RawFileUri { get; init; }

    /// <summary>(dt column, hour column) → the partition hour's start as a timestamp without zone, in UTC.</summary>
    public required Func<string, string, string> HourStart { get; init; }

    /// <summary>A partition column (<c>dt</c> or <c>hour</c>) → its text as the key writes it (<c>2026-11-30</c>, <c>07</c>).</summary>
    public required Func<string, string> DtText { get; init; }

    public required Func<string, string> HourText { get; init; }

    /// <summary>Athena over the Glue tables of modules/compaction and modules/processor.</summary>
    public static HourRewriteDialect Athena { get; } = new()
    {
        RawEvents = "events",
        CompactedEvents = "compacted_events",
        RawFileUri = "r.\"$path\"",
        HourStart = (dt, hour) => $"date_add('hour', CAST({hour} AS integer), CAST(date_parse({dt}, '%Y-%m-%d') AS timestamp))",
        DtText = dt => dt,
        HourText = hour => hour,
    };

    /// <summary>
    /// DuckDB over hive-partitioned Parquet, where dt reads as a DATE and hour as a BIGINT; the relations and the file
    /// expression come from the caller (the build's query cache, <c>LakeSqlDialect.DuckDb</c>).
    /// </summary>
    public static HourRewriteDialect DuckDb(string rawEvents, string compactedEvents, string rawFileUri) => new()
    {
        RawEvents = rawEvents,
        CompactedEvents = compactedEvents,
        RawFileUri = rawFileUri,
        HourStart = (dt, hour) => $"(CAST({dt} AS TIMESTAMP) + to_hours(CAST({hour} AS BIGINT)))",
        DtText = dt => $"strftime(CAST({dt} AS DATE), '%Y-%m-%d')",
        HourText = hour => $"lpad(CAST({hour} AS VARCHAR), 2, '0')",
    };
}
