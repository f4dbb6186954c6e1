using System.Globalization;

namespace DataPlatform.Compaction.Athena;

/// <summary>Where compaction runs the INSERT of an hour too big for the function: the workgroup, its result location and the Glue database.</summary>
public sealed record AthenaSettings(string Workgroup, string Database, string? OutputLocation)
{
    public const string MaxFunctionHourBytesVariable = "COMPACTION_MAX_FUNCTION_HOUR_BYTES";
    public const string WorkgroupVariable = "COMPACTION_ATHENA_WORKGROUP";
    public const string OutputVariable = "COMPACTION_ATHENA_OUTPUT";
    public const string DatabaseVariable = "COMPACTION_ATHENA_DATABASE";

    /// <summary>
    /// bench/README.md ("Memory, and the limit of one function"): 1,000,000 rows (43.9 MB of raw Zstd files) peaked at
    /// 1,225 MB, so a 1,769 MB function holds ~1.4 M rows, ~60 MB raw of the benchmark's shape. 48 MB keeps a fifth of
    /// that as headroom for wider payloads than the benchmark's.
    /// </summary>
    public const long DefaultMaxFunctionHourBytes = 48L * 1024 * 1024;

    /// <summary>The Athena settings, or null when no workgroup is set (hours above the threshold then stop the run).</summary>
    public static AthenaSettings? FromVariables(Func<string, string?> lookup)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        var workgroup = lookup(WorkgroupVariable)?.Trim();
        if (string.IsNullOrEmpty(workgroup))
        {
            return null;
        }

        var database = lookup(DatabaseVariable)?.Trim();
        if (string.IsNullOrEmpty(database))
        {
            throw new CompactionConfigurationException(DatabaseVariable,
                $"{WorkgroupVariable} is set but {DatabaseVariable} is not: Athena needs the Glue database that holds the events and compacted_events tables. Set it to the catalog database's name.");
        }

        var output = lookup(OutputVariable)?.Trim();
        if (!string.IsNullOrEmpty(output) && !output.StartsWith("s3://", StringComparison.Ordinal))
        {
            throw new CompactionConfigurationException(OutputVariable,
                $"{OutputVariable} is '{output}', but Athena writes query results to an S3 location: write s3://<bucket>/<prefix>/, or leave it unset to use the workgroup's.");
        }

        return new AthenaSettings(workgroup, database, string.IsNullOrEmpty(output) ? null : output);
    }

    public static long MaxFunctionHourBytesFrom(Func<string, string?> lookup, long fallback)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        var raw = lookup(MaxFunctionHourBytesVariable);
        if (string.IsNullOrWhiteSpace(raw))
        {
            return fallback;
        }

        if (!long.TryParse(raw.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) || bytes < 1)
        {
            throw new CompactionConfigurationException(MaxFunctionHourBytesVariable,
                $"{MaxFunctionHourBytesVariable} is '{raw}', but it is the raw bytes of an hour above which Athena rewrites it: a whole number above 0. " +
                $"Leave it unset for {DefaultMaxFunctionHourBytes} (measured for a 1,769 MB function).");
        }

        return bytes;
    }
}
