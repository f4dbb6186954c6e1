using System.Globalization;
using DataPlatform.Contracts;

namespace DataPlatform.Operations.Query;

/// <summary>
/// What differs between DuckDB and Athena (Presto/Trino) in the exactly-once view: where the four relations come from,
/// how a raw row names its file, and how a partition's hour and the watermark's instant become comparable timestamps.
/// <see cref="ExactlyOnceSql"/> writes the rest once, so the two engines cannot drift apart.
/// </summary>
public sealed record LakeSqlDialect
{
    /// <summary>The raw events relation (the processor's files, hive columns <c>dt</c> and <c>hour</c>).</summary>
    public required string RawEvents { get; init; }

    /// <summary>The compacted events relation (<c>compacted/events/</c>).</summary>
    public required string CompactedEvents { get; init; }

    /// <summary>The watermark relation: one row per watermark object, column <c>compacted_through</c> (text).</summary>
    public required string Watermark { get; init; }

    /// <summary>The inputs relation: column <c>uri</c> and the hive columns <c>dt</c>, <c>hour</c> of the hour that consumed it.</summary>
    public required string Inputs { get; init; }

    /// <summary>An expression over a raw row (alias <c>r</c>) giving its file as <c>s3://bucket/key</c>, as inputs lists name it.</summary>
    public required string RawFileUri { get; init; }

    /// <summary>(dt column, hour column) → the partition hour's start as a timestamp without zone, in UTC.</summary>
    public required Func<string, string, string> HourStart { get; init; }

    /// <summary>A text column holding an ISO 8601 UTC instant (<c>2026-12-01T14:00:00Z</c>) → a timestamp without zone.</summary>
    public required Func<string, string> Instant { get; init; }

    /// <summary>The timestamp that stands for "nothing compacted yet".</summary>
    public required string Epoch { get; init; }

    /// <summary>A number of hours → an interval literal.</summary>
    public required Func<int, string> Hours { get; init; }

    /// <summary>A column of the view's output → the expression that gives it its documented type (or the column as is).</summary>
    public required Func<string, string> Column { get; init; }

    /// <summary>A contract's property → the expression reading it from <c>payload</c> (NULL where the compactor writes NULL).</summary>
    public required Func<ContractProperty, string> TypedValue { get; init; }

    /// <summary>
    /// A contracted type → the relation of its compacted rows with the typed columns the compactor wrote (hive columns
    /// <c>dt</c>, <c>hour</c>; a part written without a column reads NULL there).
    /// </summary>
    public required Func<EventContract, string> CompactedOfType { get; init; }

    /// <summary>A typed column as stored in a compacted part → the expression giving it its documented type.</summary>
    public required Func<ContractColumn, string> StoredValue { get; init; }

    /// <summary>
    /// DuckDB over the query cache: the relations are the views <see cref="LakeDatabase"/> creates, and a raw file's
    /// local path <c>&lt;cache&gt;/&lt;bucket&gt;/&lt;key&gt;</c> maps back to <c>s3://&lt;bucket&gt;/&lt;key&gt;</c>.
    /// </summary>
    public static LakeSqlDialect DuckDb(string cacheDirectory) => new()
    {
        RawEvents = LakeTable.Events.Name,
        CompactedEvents = LakeTable.Compacted.Name,
        Watermark = LakeTable.CompactionWatermark.Name,
        Inputs = LakeTable.CompactionInputs.Name,
        RawFileUri = string.Create(CultureInfo.InvariantCulture,
            $"'s3://' || substr(replace(r.filename, '\\', '/'), {CacheRootOf(cacheDirectory).Length + 1})"),
        HourStart = (dt, hour) => $"(CAST({dt} AS TIMESTAMP) + to_hours(CAST({hour} AS BIGINT)))",
        Instant = text => $"CAST(replace(replace({text}, 'T', ' '), 'Z', '') AS TIMESTAMP)",
        Epoch = "TIMESTAMP '1970-01-01 00:00:00'",
        Hours = hours => string.Create(CultureInfo.InvariantCulture, $"to_hours({hours})"),
        Column = column => DuckDbTypes.TryGetValue(column, out var type) ? $"CAST({column} AS {type}) AS {column}" : column,
        TypedValue = TypedValueSql.DuckDb,
        // compacted_events reads parts by name (union_by_name), so a type's typed columns are there; the empty SELECT
        // gives them to an empty lake and to parts compacted before the contract.
        CompactedOfType = contract => $"(SELECT * FROM {LakeTable.Compacted.Name} WHERE event_type = '{contract.EventType}' UNION ALL BY NAME " +
            $"SELECT {string.Join(", ", ContractColumns.For(contract).Select(c => $"NULL::{c.DuckDbType} AS {c.Name}"))} WHERE false)",
        StoredValue = column => $"CAST({column.Name} AS {column.DuckDbType})",
    };

    /// <summary>
    /// Athena over the Glue catalog: the raw table <c>events</c>, the compacted table and the two JSON tables of the
    /// compaction's bookkeeping (see docs/compaction.md), and <c>"$path"</c> for a row's file.
    /// </summary>
    public static LakeSqlDialect Athena { get; } = new()
    {
        RawEvents = "events",
        CompactedEvents = "compacted_events",
        Watermark = "compaction_watermark",
        Inputs = "compaction_inputs",
        RawFileUri = "r.\"$path\"",
        HourStart = (dt, hour) => $"date_add('hour', CAST({hour} AS integer), CAST(date_parse(CAST({dt} AS varchar), '%Y-%m-%d') AS timestamp))",
        Instant = text => $"CAST(date_parse(substr({text}, 1, 19), '%Y-%m-%dT%H:%i:%s') AS timestamp)",
        Epoch = "TIMESTAMP '1970-01-01 00:00:00'",
        Hours = hours => string.Create(CultureInfo.InvariantCulture, $"INTERVAL '{hours}' HOUR"),
        Column = column => column,
        TypedValue = TypedValueSql.Athena,
        CompactedOfType = contract => TypedTableName(contract.EventType),
        StoredValue = column => column.Name,
    };

    /// <summary>The Glue table over a contracted type's compacted parts (modules/compaction names it alike).</summary>
    public static string TypedTableName(string eventType) => "compacted_" + TypedViewSql.ViewName(eventType)["events_".Length..];

    /// <summary>The cache folder with forward slashes and a trailing one: what DuckDB's <c>filename</c> starts with.</summary>
    internal static string CacheRootOf(string cacheDirectory) =>
        Path.GetFullPath(cacheDirectory).Replace('\\', '/').TrimEnd('/') + "/";

    // Raw files are written by Arrow and compacted ones by the compactor; casting both branches to the documented
    // types (docs/events.md) keeps UNION ALL from failing on a timestamp unit or a partition column read as text.
    private static readonly Dictionary<string, string> DuckDbTypes = new(StringComparer.Ordinal)
    {
        ["event_id"] = "VARCHAR",
        ["event_type"] = "VARCHAR",
        ["source"] = "VARCHAR",
        ["occurred_at"] = "TIMESTAMPTZ",
        ["ingested_at"] = "TIMESTAMPTZ",
        ["payload"] = "VARCHAR",
        ["attributes"] = "VARCHAR",
        ["sqs_message_id"] = "VARCHAR",
        ["sqs_sent_at"] = "TIMESTAMPTZ",
        ["sqs_receive_count"] = "INTEGER",
        ["dt"] = "DATE",
        ["hour"] = "BIGINT",
    };
}
