using DataPlatform.Build.Host;

namespace DataPlatform.Build.Operations;

/// <summary>Query's <c>--sql</c>, <c>--file</c> and <c>--out</c>, checked before anything runs.</summary>
public static class QueryFlags
{
    public static (string? Sql, string? File, string? Out) Parse(string? sql, string? file, string? output, string root)
    {
        if (sql is not null && file is not null)
        {
            throw new BuildUsageException("Query got both --sql and --file; give one of them.");
        }

        var outPath = output is null ? null : Path.GetFullPath(output, root);
        if (outPath is not null && Path.GetExtension(outPath).ToLowerInvariant() is not (".csv" or ".parquet"))
        {
            throw new BuildUsageException($"--out={output} is not valid: Query writes FILE.csv or FILE.parquet, chosen by the extension.");
        }

        return (sql, file is null ? null : Path.GetFullPath(file, root), outPath);
    }
}
