using System.Text.RegularExpressions;
using DataPlatform.Contracts;
using DuckDB.NET.Data;

namespace DataPlatform.Operations.Query;

/// <summary>
/// Runs one SQL statement over the lake: mirrors only the tables the statement names (and, with a start date,
/// only their partitions from that day on), opens DuckDB with the lake's views, and returns the rows or writes
/// them to a CSV or Parquet file.
/// </summary>
public sealed partial class LakeQuery(LakeMirror mirror, ContractSet? contracts = null)
{
    public const int DisplayRows = 200;

    public async Task<QueryResult> RunAsync(string sql, QueryOptions options, IProgress<MirrorSync>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        ArgumentNullException.ThrowIfNull(options);
        var output = options.OutputFile is null ? null : OutputFormatOf(options.OutputFile);
        // In this order: the watermark before the compacted hours it admits, and those before the raw files (a raw
        // file is deleted only after its hour was compacted, long enough ago that this query already sees that hour).
        WatermarkGate? gate = null;
        foreach (var table in TablesNamedIn(sql, contracts))
        {
            var include = table == LakeTable.CompactionWatermark ? WatermarkGate.IsWatermark
                : table == LakeTable.Compacted || table == LakeTable.CompactionInputs
                    ? (gate ??= WatermarkGate.Read(mirror.FolderOf(LakeTable.CompactionWatermark))).Admits
                    : (Func<string, bool>?)null;
            await mirror.SyncAsync(table, options.FromDate, include, progress, cancellationToken);
        }

        using var database = LakeDatabase.Open(mirror, LakeTable.All, contracts);
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

    /// <summary>
    /// The lake tables a statement needs, in the order they must be fetched: those its views read (watermark, inputs,
    /// compacted, raw) and those it names as whole words. A statement that names none needs no data.
    /// </summary>
    public static IReadOnlyList<LakeTable> TablesNamedIn(string sql, ContractSet? contracts = null)
    {
        var typed = LakeDatabase.TypedViews(contracts).Any(c => Names(sql, TypedViewSql.ViewName(c.EventType)));
        var named = LakeView.All.Where(v => typed || Names(sql, v.Name)).SelectMany(v => v.Tables)
            .Concat(LakeTable.All.Where(t => Names(sql, t.Name)))
            .ToHashSet();
        if (named.Contains(LakeTable.Compacted) || named.Contains(LakeTable.CompactionInputs))
        {
            // Which compacted hours exist for a reader is the watermark's to say, whatever the query names.
            named.Add(LakeTable.CompactionWatermark);
        }

        return [.. SyncOrder.Where(named.Contains)];
    }

    /// <summary>Every name a query may use.</summary>
    public static IReadOnlyList<string> ViewNames { get; } =
        [.. LakeView.All.Select(v => v.Name).Reverse(), .. LakeTable.All.Select(t => t.Name)];

    private static IReadOnlyList<LakeTable> SyncOrder { get; } =
        [LakeTable.CompactionWatermark, LakeTable.CompactionInputs, LakeTable.Compacted, LakeTable.Events, LakeTable.Quarantine, LakeTable.Canaries];

    private static bool Names(string sql, string name) => Regex.IsMatch(sql, $@"\b{name}\b", RegexOptions.IgnoreCase);

    private static string OutputFormatOf(string file) => Path.GetExtension(file).ToLowerInvariant() switch
    {
        ".csv" => "FORMAT csv, HEADER true",
        ".parquet" => "FORMAT parquet, COMPRESSION zstd",
        var other => throw new QueryFailedException(
            $"--out={file} ends in '{other}', but Query writes only .csv or .parquet. Name the file FILE.csv or FILE.parquet."),
    };

    private QueryFailedException Explain(DuckDBException e)
    {
        var unknown = UnknownTable().Match(e.Message);
        if (unknown.Success)
        {
            return new QueryFailedException(
                $"The lake has no table or view named '{unknown.Groups[1].Value}'. The views are: {string.Join(", ", ViewNames.Concat(LakeDatabase.TypedViews(contracts).Select(c => TypedViewSql.ViewName(c.EventType))))} " +
                "(docs/operations.md lists their columns). Use one of them in the query.", e);
        }

        return new QueryFailedException(
            $"DuckDB could not run the query: {e.Message.Trim()} Fix the SQL (DuckDB's dialect) and run Query again.", e);
    }

    [GeneratedRegex(@"Table with name (\S+?) does not exist", RegexOptions.IgnoreCase)]
    private static partial Regex UnknownTable();
}
