namespace DataPlatform.Operations.Query;

/// <summary>
/// A set of lake objects as DuckDB sees it: the view name, the folder under the lake prefix, the kind of file, and
/// its columns for when it has no files yet (DuckDB cannot read the schema of an empty glob, and a query over an
/// empty table should say 0 rows). The exactly-once views over these are <see cref="LakeView"/>s.
/// </summary>
public sealed record LakeTable(string Name, string Folder, string EmptySelect)
{
    private const string EventColumns =
        "NULL::VARCHAR AS event_id, NULL::VARCHAR AS event_type, NULL::VARCHAR AS source, NULL::TIMESTAMPTZ AS occurred_at, " +
        "NULL::TIMESTAMPTZ AS ingested_at, NULL::VARCHAR AS payload, NULL::VARCHAR AS attributes, NULL::VARCHAR AS sqs_message_id, " +
        "NULL::TIMESTAMPTZ AS sqs_sent_at, NULL::INTEGER AS sqs_receive_count, NULL::DATE AS dt, NULL::BIGINT AS hour";

    /// <summary>JSON Lines objects (the compaction's watermark and inputs lists) rather than Parquet.</summary>
    public bool IsJson { get; init; }

    /// <summary>
    /// Fetched again on every query whatever the cache holds: the watermark is rewritten in place with the same size
    /// (one hour later), so a size check could keep a stale one.
    /// </summary>
    public bool AlwaysFetch { get; init; }

    /// <summary>
    /// The processor's files as they landed, duplicates included; <c>filename</c> is the cached copy's path (the
    /// exactly-once view matches it against the compaction's inputs lists).
    /// </summary>
    public static LakeTable Events { get; } = new("events_raw", "events/", $"SELECT {EventColumns}, NULL::VARCHAR AS filename WHERE false");

    public static LakeTable Quarantine { get; } = new("quarantine", "quarantine/",
        "SELECT NULL::VARCHAR AS sqs_message_id, NULL::VARCHAR AS body, NULL::VARCHAR AS body_base64, NULL::VARCHAR AS error, " +
        "NULL::INTEGER AS sqs_receive_count, NULL::TIMESTAMPTZ AS sqs_sent_at, NULL::TIMESTAMPTZ AS quarantined_at, NULL::DATE AS dt WHERE false");

    public static LakeTable Canaries { get; } = new("canaries", "canaries/", $"SELECT {EventColumns} WHERE false");

    /// <summary>Hours rewritten by the compaction, each event once (read only for hours before the watermark).</summary>
    public static LakeTable Compacted { get; } = new("compacted_events", "compacted/events/", $"SELECT {EventColumns} WHERE false");

    /// <summary>
    /// The compaction's watermark (<c>watermark.json</c>): <c>compacted_through</c>, the exclusive end of the compacted
    /// hours. Other objects in its folder (the raw deletion's own mark) are not fetched.
    /// </summary>
    public static LakeTable CompactionWatermark { get; } = new("compaction_watermark", "compacted/_watermark/",
        "SELECT NULL::VARCHAR AS compacted_through, NULL::VARCHAR AS updated_at, NULL::VARCHAR AS run_id WHERE false")
    { IsJson = true, AlwaysFetch = true };

    /// <summary>The raw files each compacted hour consumed (<c>uri</c>), with that hour's <c>dt</c> and <c>hour</c>.</summary>
    public static LakeTable CompactionInputs { get; } = new("compaction_inputs", "compacted/_inputs/",
        "SELECT NULL::VARCHAR AS uri, NULL::VARCHAR AS event_type, NULL::VARCHAR AS compacted_at, NULL::DATE AS dt, NULL::BIGINT AS hour WHERE false")
    { IsJson = true };

    public static IReadOnlyList<LakeTable> All { get; } = [Events, Quarantine, Canaries, Compacted, CompactionWatermark, CompactionInputs];

    /// <summary>The DuckDB expression that reads the table's cached files under <paramref name="folder"/>.</summary>
    public string ReadExpression(string folder)
    {
        var path = LakeDatabase.Literal(folder.Replace('\\', '/'));
        if (this == CompactionWatermark)
        {
            return $"read_json('{path}/watermark.json', format = 'newline_delimited', columns = {{compacted_through: 'VARCHAR', updated_at: 'VARCHAR', run_id: 'VARCHAR'}})";
        }

        if (this == CompactionInputs)
        {
            return $"read_json('{path}/**/*.json', format = 'newline_delimited', hive_partitioning = true, " +
                "columns = {uri: 'VARCHAR', event_type: 'VARCHAR', compacted_at: 'VARCHAR'})";
        }

        // Compacted parts of contracted types carry typed columns the others lack: read them by name.
        return $"read_parquet('{path}/**/*.parquet', hive_partitioning = true{(this == Events ? ", filename = true" : "")}{(this == Compacted ? ", union_by_name = true" : "")})";
    }
}
