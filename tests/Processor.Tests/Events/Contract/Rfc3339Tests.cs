using System.Text;
using DataPlatform.Contracts;

namespace DataPlatform.Processor.Tests.Events.Contract;

public sealed class Rfc3339Tests
{
    [Theory]
    [InlineData("2024-05-01T10:00:00Z", "2024-05-01T10:00:00.0000000Z")]
    [InlineData("2024-05-01t10:00:00z", "2024-05-01T10:00:00.0000000Z")]
    [InlineData("2024-05-01T10:00:00.123456789+00:00", "2024-05-01T10:00:00.1234567Z")]
    [InlineData("2024-05-01T01:30:00+02:00", "2024-04-30T23:30:00.0000000Z")]
    [InlineData("2024-12-31T23:00:00-05:30", "2025-01-01T04:30:00.0000000Z")]
    [InlineData("2024-02-29T00:00:00Z", "2024-02-29T00:00:00.0000000Z")]
    public void Valid_times_are_converted_to_utc(string text, string expected)
    {
        Assert.True(Rfc3339.TryParse(Encoding.ASCII.GetBytes(text), out var utc));
        Assert.Equal(DateTimeKind.Utc, utc.Kind);
        Assert.Equal(expected, utc.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("2024-05-01T10:00:00")]
    [InlineData("2024-05-01")]
    [InlineData("2024-05-01 10:00:00Z")]
    [InlineData("2024-05-01T10:00Z")]
    [InlineData("2024-05-01T10:00:00.Z")]
    [InlineData("2024-02-30T10:00:00Z")]
    [InlineData("2023-02-29T10:00:00Z")]
    [InlineData("2024-05-01T24:00:00Z")]
    [InlineData("2024-05-01T10:00:60Z")]
    [InlineData("2024-05-01T10:00:00+0200")]
    [InlineData("2024-05-01T10:00:00+24:00")]
    [InlineData("2024-05-01T10:00:00Zjunk")]
    [InlineData("1714557600")]
    public void Times_without_an_offset_or_out_of_range_are_refused(string text)
    {
        Assert.False(Rfc3339.TryParse(Encoding.ASCII.GetBytes(text), out _));
    }
}
