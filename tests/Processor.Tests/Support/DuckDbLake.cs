using DuckDB.NET.Data;

namespace DataPlatform.Processor.Tests.Support;

/// <summary>
/// DuckDB as the independent reader: if it reads our files (hive partitions, types, nulls) the
/// way we meant them, so will Athena and Spark. Files are read from a local folder that mirrors
/// the bucket's keys.
/// </summary>
public sealed class DuckDbLake : IDisposable
{
    private readonly DuckDBConnection _connection;

    public DuckDbLake(string root)
    {
        Root = root;
        _connection = new DuckDBConnection("DataSource=:memory:");
        _connection.Open();
    }

    public string Root { get; }

    public static DuckDbLake FromObjects(IReadOnlyDictionary<string, byte[]> objects)
    {
        var root = Directory.CreateTempSubdirectory("lake-").FullName;
        foreach (var (key, bytes) in objects)
        {
            var path = Path.Combine(root, key);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, bytes);
        }

        return new DuckDbLake(root);
    }

    /// <summary>The events table as DuckDB sees it, partition columns included.</summary>
    public string Events(string prefix = "") =>
        $"read_parquet('{Path.Combine(Root, prefix, "events")}/**/*.parquet', hive_partitioning = true)";

    public string Quarantine(string prefix = "") =>
        $"read_parquet('{Path.Combine(Root, prefix, "quarantine")}/**/*.parquet', hive_partitioning = true)";

    public List<object?[]> Query(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    public T Scalar<T>(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType(command.ExecuteScalar()!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        _connection.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless; a failing cleanup must not fail the test.
        }
    }
}
