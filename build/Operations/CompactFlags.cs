using System.Globalization;
using DataPlatform.Build.Host;
using DataPlatform.Compaction;

namespace DataPlatform.Build.Operations;

/// <summary>
/// Compact's <c>--grace</c>, <c>--lookback</c>, <c>--max-hours</c> and <c>--now</c>, checked before anything runs. The first three
/// override the COMPACTION_* defaults the deployed function uses; <c>--now</c> compacts as if it were that time (demos and
/// tests: the current hour is closed only after it ends and its grace passes).
/// </summary>
public sealed record CompactFlags(TimeSpan? Grace, TimeSpan? Lookback, int? MaxHours, DateTime? Now)
{
    public static CompactFlags Parse(BuildArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return new CompactFlags(
            Duration(arguments, "grace"),
            Duration(arguments, "lookback"),
            arguments.Has("max-hours") ? arguments.GetInt("max-hours", 24, 1, 10_000) : null,
            Time(arguments.Get("now")));
    }

    /// <summary>The lake's settings with these flags over the defaults, validated as the function validates its variables.</summary>
    public CompactionSettings Apply(CompactionSettings lake)
    {
        ArgumentNullException.ThrowIfNull(lake);
        return lake with
        {
            Grace = Grace ?? lake.Grace,
            Lookback = Lookback ?? lake.Lookback,
            MaxHours = MaxHours ?? lake.MaxHours,
        };
    }

    private static TimeSpan? Duration(BuildArguments arguments, string flag)
    {
        if (arguments.Get(flag) is not { } text)
        {
            return null;
        }

        try
        {
            return CompactionSettings.ParseDuration(text);
        }
        catch (FormatException e)
        {
            throw new BuildUsageException($"--{flag}={text} is not usable: {e.Message}");
        }
    }

    private static DateTime? Time(string? text)
    {
        if (text is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.UtcDateTime
            : throw new BuildUsageException($"--now={text} is not a time: give an ISO 8601 time such as 2026-12-01T15:00:00Z.");
    }
}
