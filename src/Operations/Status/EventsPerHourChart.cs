using System.Globalization;
using ScottPlot;

namespace DataPlatform.Operations.Status;

/// <summary>The chart of status.html: events per hour, landed vs quarantined vs DLQ, drawn by ScottPlot as SVG.</summary>
public static class EventsPerHourChart
{
    public const string LandedLabel = "landed";
    public const string QuarantinedLabel = "quarantined";
    public const string DeadLetterLabel = "DLQ (depth now)";

    public static string Svg(IReadOnlyList<HourlyEvents> hours, int width = 900, int height = 360)
    {
        var plot = new Plot();
        try
        {
            AddSeries(plot, hours, -0.27, LandedLabel, Colors.SeaGreen, h => h.Landed);
            AddSeries(plot, hours, 0, QuarantinedLabel, Colors.DarkOrange, h => h.Quarantined);
            AddSeries(plot, hours, 0.27, DeadLetterLabel, Colors.Crimson, h => h.DeadLettered);
            // At most a dozen hour labels, or they run into each other.
            var step = Math.Max(1, (int)Math.Ceiling(hours.Count / 12.0));
            var ticks = hours.Select((h, i) => (h, i)).Where(x => x.i % step == 0)
                .Select(x => new Tick(x.i, x.h.Hour.ToString("MM-dd HH:00", CultureInfo.InvariantCulture)))
                .ToArray();
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
            plot.Axes.Bottom.Label.Text = "hour (UTC)";
            plot.Axes.Left.Label.Text = "events";
            plot.Axes.Margins(bottom: 0);
            plot.Title("Events per hour");
            plot.ShowLegend(Alignment.UpperLeft);
            // ScottPlot writes a standalone document; inside HTML the XML declaration is not markup
            // (a browser reads it as a bogus comment), so the page embeds the <svg> element alone.
            var svg = plot.GetSvgXml(width, height);
            return svg.StartsWith("<?xml", StringComparison.Ordinal) ? svg[(svg.IndexOf("?>", StringComparison.Ordinal) + 2)..].TrimStart() : svg;
        }
        finally
        {
            plot.Dispose();
        }
    }

    private static void AddSeries(Plot plot, IReadOnlyList<HourlyEvents> hours, double offset, string label, Color color, Func<HourlyEvents, long> value)
    {
        var bars = hours.Select((h, i) => new Bar { Position = i + offset, Value = value(h), Size = 0.26, FillColor = color, LineWidth = 0 }).ToArray();
        var series = plot.Add.Bars(bars);
        series.LegendText = label;
        series.Color = color;
    }
}
