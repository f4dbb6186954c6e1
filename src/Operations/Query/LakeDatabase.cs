using DataPlatform.Contracts;
using DuckDB.NET.Data;

namespace DataPlatform.Operations.Query;

/// <summary>
/// An in-memory DuckDB with one view per lake table over the mirrored files (hive partitions read from the path, as
/// docs/events.md documents) and the exactly-once views over those, so a query names <c>events</c>,
/// <c>events_raw</c>, <c>quarantine</c> or <c>canaries</c> and never a path.
/// </summary>
public sealed class LakeDatabase : IDisposable
{
    private readonly DuckDBConnection _connection;

    private LakeDatabase(DuckDBConnection connection) => _connection = connection;

    public static LakeDatabase Open(LakeMirror mirror, IEnumerable<LakeTable> tables, ContractSet? contracts = null)
    {
        ArgumentNullException.ThrowIfNull(mirror);
        ArgumentNullException.ThrowIfNull(tables);
        var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        var database = new LakeDatabase(connection);
        var opened = tables.ToList();
        foreach (var table in opened)
        {
            var folder = mirror.FolderOf(table);
            var pattern = table.IsJson ? "*.json" : "*.parquet";
            var hasFiles = Directory.Exists(folder) && Directory.EnumerateFiles(folder, pattern, SearchOption.AllDirectories).Any();
            database.Execute(hasFiles
                ? $"CREATE VIEW {table.Name} AS SELECT * FROM {table.ReadExpression(folder)}"
                : $"CREATE VIEW {table.Name} AS {table.EmptySelect}");
        }

        var exactlyOnce = LakeView.ExactlyOnce.Tables.All(opened.Contains);
        foreach (var view in LakeView.All.Where(v => v.Tables.All(opened.Contains)))
        {
            database.Execute(view.CreateDuckDb(mirror.CacheDirectory));
        }

        foreach (var contract in exactlyOnce ? TypedViews(contracts) : [])
        {
            database.Execute($"CREATE VIEW {TypedViewSql.ViewName(contract.EventType)} AS {TypedViewSql.Select(LakeSqlDialect.DuckDb(mirror.CacheDirectory), contract)}");
        }

        return database;
    }

    public DuckDBConnection Connection => _connection;

    /// <summary>The contracts that get a per-type view: those whose view name is not already a lake view's.</summary>
    public static IEnumerable<EventContract> TypedViews(ContractSet? contracts) =>
        (contracts ?? ContractSet.Empty).All.Where(c => !LakeQuery.ViewNames.Contains(TypedViewSql.ViewName(c.EventType)));

    public void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public QueryResult Read(string sql, int? maxRows = null)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var columns = Enumerable.Range(0, reader.FieldCount)
            .Select(i => new QueryColumn(reader.GetName(i), reader.GetFieldType(i))).ToList();
        var rows = new List<object?[]>();
        var total = 0L;
        while (reader.Read())
        {
            total++;
            if (maxRows is not null && rows.Count >= maxRows)
            {
                continue;
            }

            var row = new object?[columns.Count];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return new QueryResult(columns, rows, total);
    }

    public void Dispose() => _connection.Dispose();

    /// <summary>A path inside a SQL string literal.</summary>
    internal static string Literal(string text) => text.Replace("'", "''", StringComparison.Ordinal);
}
