using DataPlatform.Contracts;

namespace DataPlatform.Operations.Query;

/// <summary>
/// The one definition of <c>events_exactly_once</c> (docs/compaction.md, "Reading"), written for DuckDB and for Athena
/// from the same text: compacted rows of hours before the watermark, plus raw rows whose file no inputs list below the
/// watermark names (hours the compaction has not reached, and late files), deduplicated among themselves (earliest
/// hour, then first sent) and dropped when the compacted rows of the look-back window already hold their event id.
/// At any instant of a compaction run, a crash or a raw deletion, each event id comes out once.
/// </summary>
public static class ExactlyOnceSql
{
    /// <summary>The compaction's default look-back (<c>COMPACTION_LOOKBACK</c>): the view drops the same duplicates it does.</summary>
    public const int DefaultLookbackHours = 24;

    /// <summary>The view's columns: the raw envelope (docs/events.md) and the partition columns.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "event_id", "event_type", "source", "occurred_at", "ingested_at", "payload", "attributes",
        "sqs_message_id", "sqs_sent_at", "sqs_receive_count", "dt", "hour",
    ];

    /// <summary>The SELECT that defines the view.</summary>
    public static string Select(LakeSqlDialect dialect, int lookbackHours = DefaultLookbackHours) => Select(dialect, lookbackHours, null);

    /// <summary>
    /// The SELECT that defines the view, or, given a contract, its rows of that type with the contract's typed columns:
    /// read from the compacted parts that hold them (branch C), extracted from <c>payload</c> for raw rows (branch R).
    /// Both give the same value for the same event, so the answer does not change when an hour is compacted.
    /// </summary>
    public static string Select(LakeSqlDialect dialect, int lookbackHours, EventContract? contract)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lookbackHours);
        var typed = string.Join(", ", Columns.Select(dialect.Column));
        var contractColumns = contract is null ? [] : ContractColumns.For(contract);
        var stored = string.Concat(contractColumns.Select(c => dialect.StoredValue(c) == c.Name ? ", " + c.Name : $", {dialect.StoredValue(c)} AS {c.Name}"));
        var extracted = string.Concat((contract?.Properties ?? []).Select(p => $", {dialect.TypedValue(p)} AS {p.Name}"));
        var ofType = contract is null ? "" : $"""
            compacted_of_type AS (
                -- The same hours as compacted, this type's parts only, with the typed columns the compactor wrote.
                SELECT {string.Join(", ", Columns.Select(c => c == "event_type" ? $"'{contract.EventType}' AS event_type" : "c." + c))}{string.Concat(contractColumns.Select(c => ", c." + c.Name))}
                FROM {dialect.CompactedOfType(contract)} c, watermark
                WHERE {dialect.HourStart("c.dt", "c.hour")} < watermark.compacted_through
            ),

            """;
        var prefixed = string.Join(", ", Columns.Select(c => "r." + c));
        var compactedColumns = string.Join(", ", Columns.Select(c => "c." + c));
        return $"""
            WITH watermark AS (
                -- Absent watermark = nothing compacted: every hour is read from raw files.
                SELECT coalesce(max({dialect.Instant("w.compacted_through")}), {dialect.Epoch}) AS compacted_through
                FROM {dialect.Watermark} w
            ),
            compacted AS (
                -- Only hours the watermark has passed: parts of the hour being rewritten (or left by a crash) stay unseen.
                SELECT {compactedColumns}, {dialect.HourStart("c.dt", "c.hour")} AS hour_start
                FROM {dialect.CompactedEvents} c, watermark
                WHERE {dialect.HourStart("c.dt", "c.hour")} < watermark.compacted_through
            ),
            consumed AS (
                -- Raw files already inside a compacted hour; a late file is in no list and stays visible raw.
                SELECT DISTINCT i.uri
                FROM {dialect.Inputs} i, watermark
                WHERE {dialect.HourStart("i.dt", "i.hour")} < watermark.compacted_through
            ),
            {ofType}pending AS (
                SELECT {prefixed}, {dialect.HourStart("r.dt", "r.hour")} AS hour_start,
                    row_number() OVER (
                        PARTITION BY r.event_id
                        ORDER BY {dialect.HourStart("r.dt", "r.hour")}, r.sqs_sent_at NULLS LAST, r.sqs_message_id) AS copy
                FROM {dialect.RawEvents} r
                WHERE NOT EXISTS (SELECT 1 FROM consumed WHERE consumed.uri = {dialect.RawFileUri})
            )
            SELECT {typed}{stored} FROM {(contract is null ? "compacted" : "compacted_of_type")}
            UNION ALL
            SELECT {typed}{extracted} FROM (
                SELECT {string.Join(", ", Columns.Select(c => "p." + c))}
                FROM pending p, watermark
                WHERE p.copy = 1
                  AND NOT EXISTS (
                    -- The compaction drops an id it already holds within the look-back; so does the view.
                    SELECT 1 FROM compacted c
                    WHERE c.event_id = p.event_id
                      AND c.hour_start >= watermark.compacted_through - {dialect.Hours(lookbackHours)})
            ) raw_first{(contract is null ? "" : $"{Environment.NewLine}WHERE event_type = '{contract.EventType}'")}
            """;
    }

    /// <summary>The Athena statement that creates the view (docs/athena/events_exactly_once.sql holds its output).</summary>
    public static string AthenaCreateView(int lookbackHours = DefaultLookbackHours) =>
        $"""
        -- Generated by DataPlatform.Operations.Query.ExactlyOnceSql (the same code writes the DuckDB view of
        -- ./build.sh --target=Query); a test keeps this file in step. Tables: docs/compaction.md, "Athena".
        CREATE OR REPLACE VIEW events_exactly_once AS
        {Select(LakeSqlDialect.Athena, lookbackHours)}

        """;
}
