using System.Globalization;
using DataPlatform.Operations.Presentation;
using DataPlatform.Operations.Query;
using Spectre.Console;

namespace DataPlatform.Build.Operations;

/// <summary>Query's rows as one aligned table (numbers right-aligned), then how many there were and where they were written.</summary>
public static class QueryScreen
{
    private const int MaxCellLength = 80;

    public static void Write(IAnsiConsole console, QueryResult result, string? outputFile)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(result);
        var table = OperatorConsole.Table([.. result.Columns.Select(c => Markup.Escape(c.Name))]);
        for (var i = 0; i < result.Columns.Count; i++)
        {
            if (result.Columns[i].IsNumeric)
            {
                table.Columns[i].RightAligned();
            }
        }

        foreach (var row in result.Rows)
        {
            table.AddRow([.. row.Select(v => Markup.Escape(Cell(v)))]);
        }

        console.Write(table);
        var shown = result.Rows.Count < result.TotalRows ? $" (the first {HumanUnits.Count(result.Rows.Count)} shown)" : "";
        console.MarkupLineInterpolated($"{HumanUnits.Count(result.TotalRows)} row(s){shown}.");
        if (outputFile is not null)
        {
            console.MarkupLineInterpolated($"Written to {outputFile} ({HumanUnits.Bytes(new FileInfo(outputFile).Length)}).");
        }
        else if (result.Rows.Count < result.TotalRows)
        {
            console.MarkupLine("Add --out=FILE.csv or --out=FILE.parquet for every row.");
        }
    }

    private static string Cell(object? value)
    {
        var text = value switch
        {
            null => "NULL",
            DateTime time => time.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
            DateTimeOffset time => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + "Z",
            IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        // One long payload must not push every other column off the screen; --out has the full text.
        return text.Length <= MaxCellLength ? text : text[..(MaxCellLength - 1)] + "…";
    }
}
