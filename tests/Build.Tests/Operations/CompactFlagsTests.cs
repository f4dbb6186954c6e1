using System.Collections;
using DataPlatform.Build.Host;
using DataPlatform.Build.Operations;
using DataPlatform.Compaction;

namespace DataPlatform.Build.Tests.Operations;

public sealed class CompactFlagsTests
{
    private static readonly IDictionary NoEnvironment = new Hashtable();

    private static CompactFlags Parse(params string[] args) => CompactFlags.Parse(BuildArguments.Parse(args, BuildContext.Flags, NoEnvironment));

    [Fact]
    public void Compacts_flags_override_the_functions_defaults_and_leave_the_rest()
    {
        var settings = Parse("--grace=0", "--lookback=2d", "--max-hours=3", "--now=2026-12-01T15:30:00Z").Apply(new CompactionSettings { Bucket = "lake" });

        Assert.Equal((TimeSpan.Zero, TimeSpan.FromDays(2), 3, TimeSpan.FromHours(6)), (settings.Grace, settings.Lookback, settings.MaxHours, settings.RawRetention));
        Assert.Equal(new DateTime(2026, 12, 1, 15, 30, 0, DateTimeKind.Utc), Parse("--now=2026-12-01T15:30:00Z").Now);
        Assert.Equal(TimeSpan.FromHours(1), Parse().Apply(new CompactionSettings { Bucket = "lake" }).Grace);
    }

    [Theory]
    [InlineData("--grace=soon", "--grace=soon is not usable")]
    [InlineData("--now=yesterday-ish", "is not a time")]
    public void A_flag_compaction_cannot_use_is_refused_before_anything_runs(string flag, string says)
    {
        var error = Assert.Throws<BuildUsageException>(() => Parse(flag));

        Assert.Contains(says, error.Message, StringComparison.Ordinal);
    }
}
