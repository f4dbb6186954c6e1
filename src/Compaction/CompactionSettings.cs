using System.Globalization;
using DataPlatform.Compaction.Athena;
using DataPlatform.Contracts;
using ParquetSharp;

namespace DataPlatform.Compaction;

/// <summary>
/// What a compaction run needs: where the lake is (given by the caller, which reads the processor's own
/// variables for it) and the compaction's own knobs, read from COMPACTION_* variables and validated here.
/// </summary>
public sealed record CompactionSettings
{
    public const string GraceVariable = "COMPACTION_GRACE";
    public const string LookbackVariable = "COMPACTION_LOOKBACK";
    public const string RawRetentionVariable = "COMPACTION_RAW_RETENTION";
    public const string MaxHoursVariable = "COMPACTION_MAX_HOURS";
    public const string PartTargetVariable = "COMPACTION_PART_TARGET_MB";

    public required string Bucket { get; init; }

    /// <summary>LAKE_PREFIX, empty or ending in '/'.</summary>
    public string Prefix { get; init; } = "";

    /// <summary>The bucket's KMS key: every PUT names it (SSE-KMS), as the processor's do; null means SSE-S3.</summary>
    public string? KmsKeyArn { get; init; }

    public Compression Compression { get; init; } = Compression.Zstd;

    public int ZstdLevel { get; init; } = 3;

    /// <summary>An hour H is closed once now ≥ H + 1 h + grace: late batches of H have had that long to land.</summary>
    public TimeSpan Grace { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Event ids already compacted in this window before an hour are dropped from it.</summary>
    public TimeSpan Lookback { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Raw files of a compacted hour are deleted this long after compaction: longer than any query.</summary>
    public TimeSpan RawRetention { get; init; } = TimeSpan.FromHours(6);

    public int MaxHours { get; init; } = 24;

    /// <summary>
    /// The deployment's contracts (the image's contracts/, as the processor reads them): a contracted type's parts get
    /// one typed column per payload property beside the envelope. Types without a contract are written as they landed.
    /// </summary>
    public ContractSet Contracts { get; init; } = ContractSet.Empty;

    /// <summary>Each part of an hour's event type is at least this big (estimated from the raw files), unless the hour is smaller.</summary>
    public long PartTargetBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>An hour whose raw files hold more bytes than this is rewritten by Athena, not loaded (<see cref="AthenaSettings"/>).</summary>
    public long MaxFunctionHourBytes { get; init; } = AthenaSettings.DefaultMaxFunctionHourBytes;

    /// <summary>Where Athena runs those hours; null means nowhere, and such an hour stops the run with an explanation.</summary>
    public AthenaSettings? Athena { get; init; }

    /// <summary>The lake's location and writer settings with the COMPACTION_* variables applied over the defaults.</summary>
    public static CompactionSettings FromVariables(CompactionSettings lake, Func<string, string?> lookup)
    {
        ArgumentNullException.ThrowIfNull(lake);
        ArgumentNullException.ThrowIfNull(lookup);
        return lake with
        {
            Grace = Duration(lookup, GraceVariable, lake.Grace, TimeSpan.Zero),
            Lookback = Duration(lookup, LookbackVariable, lake.Lookback, TimeSpan.Zero),
            RawRetention = Duration(lookup, RawRetentionVariable, lake.RawRetention, TimeSpan.FromMinutes(30)),
            MaxHours = MaxHoursFrom(lookup, lake.MaxHours),
            PartTargetBytes = PartTargetFrom(lookup, lake.PartTargetBytes),
            MaxFunctionHourBytes = AthenaSettings.MaxFunctionHourBytesFrom(lookup, lake.MaxFunctionHourBytes),
            Athena = AthenaSettings.FromVariables(lookup) ?? lake.Athena,
        };
    }

    /// <summary>
    /// "90m", "1h", "24h", "2d", "0" (seconds, minutes, hours, days). Whole hours are the usual case;
    /// a window is an amount of time, so it is written like one.
    /// </summary>
    public static TimeSpan ParseDuration(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim().ToLowerInvariant();
        if (trimmed == "0")
        {
            return TimeSpan.Zero;
        }

        if (trimmed.Length < 2 || !long.TryParse(trimmed[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount > 100_000)
        {
            throw new FormatException($"'{text}' is not a duration: write a whole number and a unit, e.g. 90m, 1h, 24h or 2d.");
        }

        return trimmed[^1] switch
        {
            's' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMinutes(amount),
            'h' => TimeSpan.FromHours(amount),
            'd' => TimeSpan.FromDays(amount),
            _ => throw new FormatException($"'{text}' has no unit: write s, m, h or d after the number, e.g. 90m, 1h, 24h or 2d."),
        };
    }

    private static TimeSpan Duration(Func<string, string?> lookup, string variable, TimeSpan fallback, TimeSpan minimum)
    {
        var raw = lookup(variable);
        if (string.IsNullOrWhiteSpace(raw))
        {
            return fallback;
        }

        TimeSpan value;
        try
        {
            value = ParseDuration(raw);
        }
        catch (FormatException e)
        {
            throw new CompactionConfigurationException(variable, $"{variable} is '{raw}', which compaction cannot use: {e.Message} Leave it unset for {Describe(fallback)}.");
        }

        if (value < minimum)
        {
            throw new CompactionConfigurationException(variable,
                $"{variable} is '{raw}', below its floor of {Describe(minimum)}: raw files must outlive any query that may still read them. Set {Describe(minimum)} or more.");
        }

        return value;
    }

    private static int MaxHoursFrom(Func<string, string?> lookup, int fallback)
    {
        var raw = lookup(MaxHoursVariable);
        if (string.IsNullOrWhiteSpace(raw))
        {
            return fallback;
        }

        if (!int.TryParse(raw.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var hours) || hours is < 1 or > 10_000)
        {
            throw new CompactionConfigurationException(MaxHoursVariable,
                $"{MaxHoursVariable} is '{raw}', but it is the number of hours one run may compact: a whole number from 1 to 10000. Leave it unset for {fallback}.");
        }

        return hours;
    }

    private static long PartTargetFrom(Func<string, string?> lookup, long fallback)
    {
        var raw = lookup(PartTargetVariable);
        if (string.IsNullOrWhiteSpace(raw))
        {
            return fallback;
        }

        if (!double.TryParse(raw.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var megabytes) || megabytes is <= 0 or > 1024)
        {
            throw new CompactionConfigurationException(PartTargetVariable,
                $"{PartTargetVariable} is '{raw}', but it is a part's target size in MB, a number above 0 and at most 1024 (a part holds one row group). Leave it unset for 64.");
        }

        return (long)(megabytes * 1024 * 1024);
    }

    private static string Describe(TimeSpan value) =>
        value.TotalHours >= 1 && value.TotalHours == Math.Floor(value.TotalHours)
            ? string.Create(CultureInfo.InvariantCulture, $"{value.TotalHours:0}h")
            : string.Create(CultureInfo.InvariantCulture, $"{value.TotalMinutes:0}m");
}
