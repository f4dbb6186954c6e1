namespace DataPlatform.Operations.Query;

/// <summary>
/// A table of the lake as DuckDB sees it: the view name (as documented in docs/events.md and
/// docs/operations.md), the folder under the lake prefix, and its columns for when it has no files yet
/// (DuckDB cannot read the schema of an empty glob, and a query over an empty table should say 0 rows).
/// </summary>
public sealed record LakeTable(string Name, string Folder, string EmptySelect)
{
    private const string EventColumns =
        "NULL::VARCHAR AS event_id, NULL::VARCHAR AS event_type, NULL::VARCHAR AS source, NULL::TIMESTAMPTZ AS occurred_at, " +
        "NULL::TIMESTAMPTZ AS ingested_at, NULL::VARCHAR AS payload, NULL::VARCHAR AS attributes, NULL::VARCHAR AS sqs_message_id, " +
        "NULL::TIMESTAMPTZ AS sqs_sent_at, NULL::INTEGER AS sqs_receive_count, NULL::VARCHAR AS dt, NULL::BIGINT AS hour";

    public static LakeTable Events { get; } = new("events", "events/", $"SELECT {EventColumns} WHERE false");

    public static LakeTable Quarantine { get; } = new("quarantine", "quarantine/",
        "SELECT NULL::VARCHAR AS sqs_message_id, NULL::VARCHAR AS body, NULL::VARCHAR AS body_base64, NULL::VARCHAR AS error, " +
        "NULL::INTEGER AS sqs_receive_count, NULL::TIMESTAMPTZ AS sqs_sent_at, NULL::TIMESTAMPTZ AS quarantined_at, NULL::DATE AS dt WHERE false");

    public static LakeTable Canaries { get; } = new("canaries", "canaries/", $"SELECT {EventColumns} WHERE false");

    public static IReadOnlyList<LakeTable> All { get; } = [Events, Quarantine, Canaries];
}
