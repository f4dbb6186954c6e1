using System.Text;
using DataPlatform.Operations.Presentation;
using static System.Net.WebUtility;

namespace DataPlatform.Operations.Status;

/// <summary>
/// status.html: the Status screen's facts and the events-per-hour chart in one file that opens offline.
/// Styles and the chart's SVG are inline; the page loads nothing from anywhere.
/// </summary>
public static class StatusPage
{
    private const string Style = """
        body { font-family: system-ui, sans-serif; margin: 2rem; color: #222; }
        h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin-top: 1.6rem; }
        table { border-collapse: collapse; } th, td { padding: .2rem .8rem; border-bottom: 1px solid #ddd; text-align: left; }
        td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
        .muted { color: #666; } .alarm { color: #b00020; font-weight: bold; }
        """;

    public static string Render(StatusReport report, string environment)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append($"<title>Status of {HtmlEncode(environment)}</title><style>{Style}</style></head><body>\n")
            .Append($"<h1>Status of <code>{HtmlEncode(environment)}</code></h1>\n")
            .Append($"<p class=\"muted\">Taken {HtmlEncode(StatusText.Taken(report.Request))}; lake window {report.Request.Hours} h, quarantine window 24 h.</p>\n");

        html.Append("<h2>Queues</h2>\n");
        Table(html, ["queue", "visible", "in flight", "delayed", "oldest message"], [true, false, false, false, false],
            [Queue("ingest", report.Queue), Queue("dead-letter", report.DeadLetters)]);

        html.Append("<h2>Events per hour</h2>\n<figure id=\"events-per-hour\">")
            .Append(EventsPerHourChart.Svg(report.EventsPerHour))
            .Append("<figcaption class=\"muted\">Landed rows by the hour their file landed; quarantined bodies by quarantined_at; ")
            .Append("the DLQ's depth now, in the current hour (SQS does not say when a message was dead-lettered).</figcaption></figure>\n");

        html.Append($"<h2>Quarantine, last 24 h: {HumanUnits.Count(report.Quarantine.Total)}</h2>\n");
        Table(html, ["reason", "bodies"], [true, false],
            report.Quarantine.ByReason.Select(r => new[] { r.Key, HumanUnits.Count(r.Value) }).ToList());

        html.Append($"<h2>Lake, last {report.Request.Hours} h</h2>\n")
            .Append($"<p>Freshness lag: {HtmlEncode(StatusText.Freshness(report))}</p>\n");
        var lakeRows = report.Lake.Hours
            .Select(h => new[] { StatusText.Hour(h.Hour), HumanUnits.Count(h.Objects), HumanUnits.Bytes(h.Bytes), HumanUnits.Count(h.Rows) })
            .Append(["total", HumanUnits.Count(report.Lake.Objects), HumanUnits.Bytes(report.Lake.Bytes), HumanUnits.Count(report.Lake.Rows)])
            .ToList();
        Table(html, ["hour (UTC)", "objects", "bytes", "rows"], [true, false, false, false], lakeRows);

        html.Append("<h2>Deployment</h2>\n")
            .Append($"<p>Image: <code>{HtmlEncode(StatusText.Image(report))}</code></p>\n")
            .Append($"<p>Alarms: <span class=\"{(report.Alarms is { Count: > 0 } ? "alarm" : "")}\">{HtmlEncode(StatusText.Alarms(report))}</span></p>\n");
        if (report.Alarms is { Count: > 0 } alarms)
        {
            Table(html, ["alarm", "since", "reason"], [true, true, true],
                alarms.Select(a => new[] { a.Name, a.Since?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "", a.Reason }).ToList());
        }

        return html.Append("</body></html>\n").ToString();
    }

    private static string[] Queue(string role, QueueState queue) =>
        [$"{role} ({queue.Name})", HumanUnits.Count(queue.Visible), HumanUnits.Count(queue.InFlight), HumanUnits.Count(queue.Delayed), StatusText.OldestAge(queue)];

    private static void Table(StringBuilder html, string[] headers, bool[] text, IReadOnlyList<string[]> rows)
    {
        html.Append("<table><thead><tr>");
        for (var i = 0; i < headers.Length; i++)
        {
            html.Append(text[i] ? "<th>" : "<th class=\"n\">").Append(HtmlEncode(headers[i])).Append("</th>");
        }

        html.Append("</tr></thead><tbody>\n");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            for (var i = 0; i < row.Length; i++)
            {
                html.Append(text[i] ? "<td>" : "<td class=\"n\">").Append(HtmlEncode(row[i])).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody></table>\n");
    }
}
