using DataPlatform.Build.Host;
using Spectre.Console;

namespace DataPlatform.Build.Operations;

/// <summary>
/// The console every operator target (Status, Redrive, Replay, Reconcile, Query) writes its tables and
/// progress to, so that all of them look alike: colour and live progress bars only on a terminal a
/// person reads (<see cref="ColourChoice"/>), plain aligned text in CI logs and redirected output.
/// </summary>
public static class OperatorConsole
{
    public static IAnsiConsole Create(TextWriter? output = null)
    {
        var interactive = output is null && ColourChoice.ForThisProcess();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
            Out = new AnsiConsoleOutput(output ?? Console.Out),
        });
        if (!interactive)
        {
            // Without a terminal Spectre assumes 80 columns and wraps timestamps and URLs mid-cell in
            // CI logs; a log has no width, so give tables room (COLUMNS still wins when set).
            console.Profile.Width = int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var columns) && columns > 0 ? columns : RedirectedWidth;
        }

        return console;
    }

    /// <summary>The width tables may take in a log or a file: wide enough for a URL and a timestamp side by side.</summary>
    public const int RedirectedWidth = 160;

    /// <summary>The one table style: a header rule, no box, numbers right-aligned by the caller.</summary>
    public static Table Table(params string[] headers)
    {
        var table = new Table().Border(TableBorder.Simple);
        foreach (var header in headers)
        {
            table.AddColumn(new TableColumn(header));
        }

        return table;
    }
}
