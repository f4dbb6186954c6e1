using DataPlatform.Build.Host;
using DataPlatform.Build.Operations;

namespace DataPlatform.Build.Tests.Operations;

public sealed class OperatorWindowFlagsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 14, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Without_from_and_to_the_window_is_the_last_hour()
    {
        var window = TimeWindowFlags.Parse(null, null, Now);

        Assert.Equal(Now.AddHours(-1), window.From);
        Assert.Equal(Now, window.To);
    }

    [Theory]
    [InlineData("90m", "2026-12-01T13:00:00Z")]
    [InlineData("2h", "2026-12-01T12:30:00Z")]
    [InlineData("1d", "2026-11-30T14:30:00Z")]
    [InlineData("2026-12-01", "2026-12-01T00:00:00Z")]
    [InlineData("2026-12-01T13:15Z", "2026-12-01T13:15:00Z")]
    [InlineData("2026-12-01T15:15+02:00", "2026-12-01T13:15:00Z")]
    [InlineData("today", "2026-12-01T00:00:00Z")]
    [InlineData("Yesterday", "2026-11-30T00:00:00Z")]
    public void From_takes_an_age_a_date_or_an_iso_time(string from, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), TimeWindowFlags.Parse(from, null, Now).From);

    [Fact]
    public void An_unreadable_time_says_which_forms_are_accepted()
    {
        var error = Assert.Throws<BuildUsageException>(() => TimeWindowFlags.Parse("last week", null, Now));

        Assert.StartsWith("--from=last week is not a time: give an ISO 8601 time", error.Message, StringComparison.Ordinal);
        Assert.Contains("an age (90m, 2h, 1d", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_window_that_ends_before_it_starts_is_refused() =>
        Assert.Contains("is not before --to", Assert.Throws<BuildUsageException>(() => TimeWindowFlags.Parse("1h", "2h", Now)).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("rows.json")]
    [InlineData("rows")]
    public void Query_out_must_be_csv_or_parquet(string output) =>
        Assert.Contains("Query writes FILE.csv or FILE.parquet", Assert.Throws<BuildUsageException>(() => QueryFlags.Parse("SELECT 1", null, output, "/repo")).Message, StringComparison.Ordinal);

    [Fact]
    public void Query_takes_sql_or_a_file_not_both() =>
        Assert.Equal("Query got both --sql and --file; give one of them.",
            Assert.Throws<BuildUsageException>(() => QueryFlags.Parse("SELECT 1", "q.sql", null, "/repo")).Message);

    [Fact]
    public void Query_paths_are_taken_from_the_repository_root()
    {
        var (_, file, output) = QueryFlags.Parse(null, "q.sql", "out/rows.PARQUET", "/repo");

        Assert.Equal("/repo/q.sql", file);
        Assert.Equal("/repo/out/rows.PARQUET", output);
    }
}
