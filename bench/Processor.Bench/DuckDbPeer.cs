using DuckDB.NET.Data;

namespace DataPlatform.Processor.Bench;

/// <summary>
/// The peer: DuckDB with one thread, reading the same events as NDJSON and writing Parquet
/// partitioned by event_type with Zstd, i.e. the same job without the SQS envelope.
/// </summary>
public sealed class DuckDbPeer : IDisposable
{
    private readonly DuckDBConnection _connection;
    private readonly string _input;
    private readonly string _outputRoot;

    public DuckDbPeer(IReadOnlyList<string> bodies, string workFolder)
    {
        Directory.CreateDirectory(workFolder);
        _input = Path.Combine(workFolder, $"events-{bodies.Count}.ndjson");
        File.WriteAllLines(_input, bodies);
        _outputRoot = Path.Combine(workFolder, $"duckdb-out-{bodies.Count}");
        _connection = new DuckDBConnection("DataSource=:memory:");
        _connection.Open();
        Execute("SET threads = 1");
    }

    public void Run()
    {
        // Explicit columns, as our side has a fixed schema; payload stays JSON text as in ours.
        // Every field of the events is kept (ours keeps the ones outside the contract in
        // attributes), so neither side drops data the other writes.
        Execute($$"""
            COPY (
              SELECT event_id, event_type, source, occurred_at, now() AS ingested_at, payload::VARCHAR AS payload,
                     tenant_id, user_id, session_id, schema_version, trace_id, client_ip, locale, app_version
              FROM read_ndjson('{{_input}}', columns = {
                event_id: 'VARCHAR', event_type: 'VARCHAR', occurred_at: 'TIMESTAMPTZ', source: 'VARCHAR',
                tenant_id: 'VARCHAR', user_id: 'VARCHAR', session_id: 'VARCHAR', schema_version: 'INTEGER',
                trace_id: 'VARCHAR', client_ip: 'VARCHAR', locale: 'VARCHAR', app_version: 'VARCHAR', payload: 'JSON'})
            ) TO '{{_outputRoot}}' (FORMAT parquet, PARTITION_BY (event_type), COMPRESSION zstd, COMPRESSION_LEVEL 3, OVERWRITE_OR_IGNORE true)
            """);
    }

    public long OutputBytes() =>
        Directory.Exists(_outputRoot) ? Directory.EnumerateFiles(_outputRoot, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length) : 0;

    public void Dispose() => _connection.Dispose();

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
