using Cake.Core.Diagnostics;
using DataPlatform.Build.Host;
using DataPlatform.Build.Tests.Fakes;

namespace DataPlatform.Build.Tests.Host;

/// <summary>Cake's real log, over a console that claims ANSI support, as CakeConsole does under TERM=xterm.</summary>
public sealed class ColourGatedConsoleTests
{
    private const string Escape = "\u001b";

    [Fact]
    public void Without_colour_Cakes_log_writes_plain_text()
    {
        var console = new RecordingConsole(ansi: true);

        WriteSomeLog(new ColourGatedConsole(console, colour: false));

        Assert.DoesNotContain(Escape, console.Output + console.Error, StringComparison.Ordinal);
        Assert.Contains("Repository: /src", console.Output);
        Assert.Contains("the state bucket is missing", console.Error);
    }

    [Fact]
    public void With_colour_Cakes_log_keeps_its_escapes()
    {
        var console = new RecordingConsole(ansi: true);

        WriteSomeLog(new ColourGatedConsole(console, colour: true));

        Assert.Contains(Escape, console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_colour_no_colour_change_reaches_the_console()
    {
        var console = new RecordingConsole { ForegroundColor = ConsoleColor.Gray };
        var gated = new ColourGatedConsole(console, colour: false);

        gated.ForegroundColor = ConsoleColor.Red;
        gated.BackgroundColor = ConsoleColor.Blue;

        Assert.Equal(ConsoleColor.Gray, console.ForegroundColor);
        Assert.NotEqual(ConsoleColor.Blue, console.BackgroundColor);
        Assert.False(gated.SupportAnsiEscapeCodes);
    }

    private static void WriteSomeLog(ColourGatedConsole console)
    {
        var log = new CakeBuildLog(console, Verbosity.Normal);
        log.Information("Repository: {0}", "/src");
        log.Error("Deploy: {0}", "the state bucket is missing");
    }
}
