using System.Collections;
using DataPlatform.Build.Host;

namespace DataPlatform.Build.Tests.Host;

public sealed class BuildArgumentsTests
{
    private static readonly IReadOnlyList<BuildFlag> Flags =
    [
        new("target", "", "NAME", ShortName: "t"),
        new("dryrun", ""),
        new("env", "", "NAME"),
        new("canaries", "", "N"),
    ];

    private static readonly IDictionary NoEnvironment = new Hashtable();

    [Theory]
    [InlineData("--target=Deploy")]
    [InlineData("--target", "Deploy")]
    [InlineData("-t", "Deploy")]
    [InlineData("--TARGET=Deploy")]
    public void Reads_a_value_in_every_form_Cake_accepts(params string[] args)
    {
        var parsed = BuildArguments.Parse(args, Flags, NoEnvironment);

        Assert.Equal("Deploy", parsed.Get("target"));
    }

    [Fact]
    public void A_switch_is_on_alone_and_off_when_set_false()
    {
        Assert.True(BuildArguments.Parse(["--dryrun"], Flags, NoEnvironment).IsOn("dryrun"));
        Assert.False(BuildArguments.Parse(["--dryrun=false"], Flags, NoEnvironment).IsOn("dryrun"));
        Assert.False(BuildArguments.Parse([], Flags, NoEnvironment).IsOn("dryrun"));
    }

    [Fact]
    public void The_environment_fills_in_what_the_command_line_leaves_out_and_never_overrides_it()
    {
        var environment = new Hashtable { ["DATAPLATFORM_ENV"] = "dev", ["DATAPLATFORM_TARGET"] = "Plan" };

        var parsed = BuildArguments.Parse(["--target=Deploy"], Flags, environment);

        Assert.Equal("dev", parsed.Get("env"));
        Assert.Equal("Deploy", parsed.Get("target"));
    }

    [Fact]
    public void A_value_flag_without_a_value_says_how_to_give_one()
    {
        var error = Assert.Throws<BuildUsageException>(() => BuildArguments.Parse(["--env"], Flags, NoEnvironment));

        Assert.Contains("--env needs a value: --env=NAME", error.Message);
    }

    [Fact]
    public void A_word_that_is_not_an_option_is_refused()
    {
        var error = Assert.Throws<BuildUsageException>(() => BuildArguments.Parse(["Deploy"], Flags, NoEnvironment));

        Assert.Contains("'Deploy' is not an option", error.Message);
    }

    [Fact]
    public void A_switch_with_a_non_boolean_value_is_refused()
    {
        var error = Assert.Throws<BuildUsageException>(() => BuildArguments.Parse(["--dryrun=yes"], Flags, NoEnvironment));

        Assert.Contains("--dryrun is a switch", error.Message);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("many")]
    [InlineData("10001")]
    public void A_number_out_of_range_is_refused_with_the_range(string value)
    {
        var parsed = BuildArguments.Parse([$"--canaries={value}"], Flags, NoEnvironment);

        var error = Assert.Throws<BuildUsageException>(() => parsed.GetInt("canaries", 5, 1, 10_000));
        Assert.Contains("from 1 to 10000", error.Message);
    }
}
