using System.Collections;
using DataPlatform.Build.Host;

namespace DataPlatform.Build.Tests.Host;

public sealed class DayArgumentTests
{
    private static readonly IReadOnlyList<BuildFlag> Flags = [new("from", "", "DAY")];

    private static readonly DateOnly Today = new(2026, 3, 1);

    [Theory]
    [InlineData("2026-02-14", "2026-02-14")]
    [InlineData("today", "2026-03-01")]
    [InlineData("Yesterday", "2026-02-28")]
    public void A_day_is_read_as_a_date_or_a_word(string given, string expected)
    {
        var parsed = BuildArguments.Parse([$"--from={given}"], Flags, new Hashtable());

        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), parsed.GetDate("from", Today));
    }

    [Fact]
    public void An_absent_day_is_null_so_the_caller_chooses_the_default() =>
        Assert.Null(BuildArguments.Parse([], Flags, new Hashtable()).GetDate("from", Today));

    [Theory]
    [InlineData("2026-13-01")]
    [InlineData("01/03/2026")]
    [InlineData("last week")]
    public void A_value_that_is_not_a_day_is_refused_with_how_to_write_one(string given)
    {
        var parsed = BuildArguments.Parse([$"--from={given}"], Flags, new Hashtable());

        var error = Assert.Throws<BuildUsageException>(() => parsed.GetDate("from", Today));
        Assert.Equal($"--from={given} is not a day: give it as YYYY-MM-DD (a UTC date, like 2026-03-01), or today, or yesterday.", error.Message);
    }
}
