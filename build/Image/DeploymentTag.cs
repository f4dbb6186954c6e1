using System.Globalization;

namespace DataPlatform.Build.Image;

/// <summary>
/// A tag that says what an image is to its environment: <c>live-&lt;time&gt;</c> (the function runs
/// it since that time) or <c>previous-&lt;time&gt;</c> (the rollback target since that time). The
/// registry module's lifecycle policy keeps every image that carries one of these prefixes, so
/// the names here and the prefixes in <c>terraform/modules/registry/main.tf</c> must agree (a
/// test holds them together). Tags cannot move in our repositories; a new time makes a new tag.
/// </summary>
public sealed record DeploymentTag(string Name, string Digest)
{
    public const string LivePrefix = "live-";

    public const string PreviousPrefix = "previous-";

    /// <summary>UTC to the millisecond, fixed width: ordinal order is time order.</summary>
    private const string StampFormat = "yyyyMMdd'T'HHmmssfff'Z'";

    public bool IsLive => Name.StartsWith(LivePrefix, StringComparison.Ordinal);

    public bool IsPrevious => Name.StartsWith(PreviousPrefix, StringComparison.Ordinal);

    /// <summary>The time part of the name; a role tag the build did not write has none and sorts first.</summary>
    public string Stamp => IsLive ? Name[LivePrefix.Length..] : IsPrevious ? Name[PreviousPrefix.Length..] : "";

    public static bool IsDeploymentTag(string tag) =>
        tag.StartsWith(LivePrefix, StringComparison.Ordinal) || tag.StartsWith(PreviousPrefix, StringComparison.Ordinal);

    public static string StampOf(DateTimeOffset time) => time.UtcDateTime.ToString(StampFormat, CultureInfo.InvariantCulture);

    /// <summary>A stamp later than <paramref name="now"/> and than <paramref name="latest"/>, so a new tag always sorts last even if the clock went back.</summary>
    public static string NextStamp(DateTimeOffset now, string? latest)
    {
        if (latest is null || string.CompareOrdinal(StampOf(now), latest) > 0
            || !DateTime.TryParseExact(latest, StampFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var last))
        {
            return StampOf(now);
        }

        return StampOf(new DateTimeOffset(last, TimeSpan.Zero).AddMilliseconds(1));
    }
}
