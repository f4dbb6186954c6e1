using System.Collections;
using DataPlatform.Build.Host;

namespace DataPlatform.Build.Tests.Operations;

public sealed class StatusHoursFlagTests
{
    private static readonly IDictionary NoEnvironment = new Hashtable();

    [Fact]
    public void Hours_is_a_declared_flag_with_a_description_and_defaults_to_a_day()
    {
        var flag = Assert.Single(BuildContext.Flags, f => f.Name == "hours");
        Assert.False(string.IsNullOrWhiteSpace(flag.Description));
        Assert.Equal(24, BuildContext.ReadStatusHours(BuildArguments.Parse([], BuildContext.Flags, NoEnvironment)));
        Assert.Equal(6, BuildContext.ReadStatusHours(BuildArguments.Parse(["--hours=6"], BuildContext.Flags, NoEnvironment)));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("337")]
    [InlineData("a day")]
    public void A_window_Status_cannot_show_is_refused_with_the_range(string value)
    {
        var arguments = BuildArguments.Parse([$"--hours={value}"], BuildContext.Flags, NoEnvironment);

        var error = Assert.Throws<BuildUsageException>(() => BuildContext.ReadStatusHours(arguments));
        Assert.Contains("from 1 to 336", error.Message, StringComparison.Ordinal);
    }
}
