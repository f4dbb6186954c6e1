using DataPlatform.Build.Host;

namespace DataPlatform.Build.Tests.Host;

public sealed class ColourChoiceTests
{
    [Fact]
    public void A_terminal_on_both_streams_gets_colour()
    {
        Assert.True(ColourChoice.IsWanted(outputRedirected: false, errorRedirected: false, noColor: null, term: "xterm-256color"));
    }

    [Fact]
    public void A_terminal_without_TERM_or_with_an_empty_NO_COLOR_still_gets_colour()
    {
        // no-color.org: only a NO_COLOR that is present and not empty turns colour off.
        Assert.True(ColourChoice.IsWanted(outputRedirected: false, errorRedirected: false, noColor: "", term: null));
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Output_to_a_file_or_a_pipe_gets_none(bool outputRedirected, bool errorRedirected)
    {
        Assert.False(ColourChoice.IsWanted(outputRedirected, errorRedirected, noColor: null, term: "xterm-256color"));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("true")]
    [InlineData("0")]
    public void NO_COLOR_with_any_value_turns_it_off_on_a_terminal(string noColor)
    {
        Assert.False(ColourChoice.IsWanted(outputRedirected: false, errorRedirected: false, noColor, term: "xterm"));
    }

    [Fact]
    public void A_dumb_terminal_gets_none()
    {
        Assert.False(ColourChoice.IsWanted(outputRedirected: false, errorRedirected: false, noColor: null, term: "dumb"));
    }
}
