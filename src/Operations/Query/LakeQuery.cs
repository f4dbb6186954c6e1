using System.Text.RegularExpressions;
using DuckDB.NET.Data;

namespace DataPlatform.Operations.Query;

/// <summary>
/// Runs one SQL statement over the lake: mirrors only the tables the statement names (and, with a start date,
/// only their partitions from that day on), opens DuckDB with the lake's views, and returns the rows or writes
/// them to a CSV or Parquet file.
/// </summary>
public sealed partial class LakeQuery(LakeMirror mirror)
{
    public const int DisplayRows = 200;

    public async Task<QueryResult> RunAsync(string sql, QueryOptions options, IProgress<MirrorSync>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        ArgumentNullException.ThrowIfNull(options);
        var output = options.OutputFile is null ? null : OutputFormatOf(options.OutputFile);
        foreach (var table in TablesNamedIn(sql))
        {
            await mirror.SyncAsync(table, options.FromDate, progress, cancellationToken);
        }

        using var database = LakeDatabase.Open(mirror, LakeTable.All);
        try
        {
            if (output is not null)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.OutputFile!))!);
                database.Execute($"COPY ({sql.Trim().TrimEnd(';')}) TO '{LakeDatabase.Literal(Path.GetFullPath(options.OutputFile!))}' ({output})");
            }

            return database.Read(sql, DisplayRows);
        }
        catch (DuckDBException e)
        {
            throw Explain(e);
        }
    }

    /// <summary>The lake tables a statement mentions as whole words; a statement that names none needs no data.</summary>
    public static IReadOnlyList<LakeTable> TablesNamedIn(string sql) =>
        [.. LakeTable.All.Where(t => Regex.IsMatch(sql, $@"\b{t.Name}\b", RegexOptions.IgnoreCase))];

    private static string OutputFormatOf(string file) => Path.GetExtension(file).ToLowerInvariant() switch
    {
        ".csv" => "FORMAT csv, HEADER true",
        ".parquet" => "FORMAT parquet, COMPRESSION zstd",
        var other => throw new QueryFailedException(
            $"--out={file} ends in '{other}', but Query writes only .csv or .parquet. Name the file FILE.csv or FILE.parquet."),
    };

    private static QueryFailedException Explain(DuckDBException e)
    {
        var unknown = UnknownTable().Match(e.Message);
        if (unknown.Success)
        {
            return new QueryFailedException(
                $"The lake has no table or view named '{unknown.Groups[1].Value}'. The views are: {string.Join(", ", LakeTable.All.Select(t => t.Name))} " +
                "(docs/operations.md lists their columns). Use one of them in the query.", e);
        }

        return new QueryFailedException(
            $"DuckDB could not run the query: {e.Message.Trim()} Fix the SQL (DuckDB's dialect) and run Query again.", e);
    }

    [GeneratedRegex(@"Table with name (\S+?) does not exist", RegexOptions.IgnoreCase)]
    private static partial Regex UnknownTable();
}
