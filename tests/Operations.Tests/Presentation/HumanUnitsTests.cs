using DataPlatform.Operations.Presentation;

namespace DataPlatform.Operations.Tests.Presentation;

public class HumanUnitsTests
{
    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(1023, "1023 B")]
    [InlineData(1536, "1.5 KiB")]
    [InlineData(10 * 1024 + 512, "10.5 KiB")]
    [InlineData(150L * 1024 * 1024, "150 MiB")]
    [InlineData(5L * 1024 * 1024 * 1024 * 1024, "5 TiB")]
    public void Bytes_use_binary_units_with_three_significant_digits(long bytes, string expected) =>
        Assert.Equal(expected, HumanUnits.Bytes(bytes));

    [Fact]
    public void Counts_stay_exact_with_thousands_separators() =>
        Assert.Equal("1,234,567", HumanUnits.Count(1_234_567));

    [Theory]
    [InlineData(0.25, "250 ms")]
    [InlineData(45, "45 s")]
    [InlineData(200, "3 min 20 s")]
    [InlineData(3600, "1 h")]
    [InlineData(7500, "2 h 5 min")]
    [InlineData(273_600, "3 d 4 h")]
    [InlineData(-45, "-45 s")]
    public void Durations_show_their_two_largest_units(double seconds, string expected) =>
        Assert.Equal(expected, HumanUnits.Duration(TimeSpan.FromSeconds(seconds)));
}
