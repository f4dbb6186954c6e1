using DataPlatform.Operations.Presentation;
using DataPlatform.Operations.Status;
using Spectre.Console;

namespace DataPlatform.Build.Operations;

/// <summary>The Status target's one screen: queues, quarantine, lake, image and alarms, in the operator tables' style.</summary>
public static class StatusScreen
{
    public static void Write(IAnsiConsole console, StatusReport report, string environment)
    {
        console.Write(new Rule($"[bold]Status of {Markup.Escape(environment)}[/] at {Markup.Escape(StatusText.Taken(report.Request))}").LeftJustified());

        var queues = OperatorConsole.Table("queue", "visible", "in flight", "delayed", "oldest message");
        foreach (var column in queues.Columns.Skip(1).Take(3))
        {
            column.RightAligned();
        }

        queues.AddRow(Row("ingest", report.Queue));
        queues.AddRow(Row("dead-letter", report.DeadLetters));
        console.Write(queues);

        console.MarkupLine($"[bold]Quarantine, last 24 h:[/] {HumanUnits.Count(report.Quarantine.Total)} bodies");
        if (report.Quarantine.ByReason.Count > 0)
        {
            var reasons = OperatorConsole.Table("reason", "bodies");
            reasons.Columns[1].RightAligned();
            foreach (var (reason, count) in report.Quarantine.ByReason)
            {
                reasons.AddRow(Markup.Escape(reason), HumanUnits.Count(count));
            }

            console.Write(reasons);
        }

        console.MarkupLine($"[bold]Lake, last {report.Request.Hours} h[/] (events/ by landing hour; freshness lag {Markup.Escape(StatusText.Freshness(report))})");
        var lake = OperatorConsole.Table("hour (UTC)", "objects", "bytes", "rows");
        foreach (var column in lake.Columns.Skip(1))
        {
            column.RightAligned();
        }

        foreach (var hour in report.Lake.Hours)
        {
            lake.AddRow(StatusText.Hour(hour.Hour), HumanUnits.Count(hour.Objects), HumanUnits.Bytes(hour.Bytes), HumanUnits.Count(hour.Rows));
        }

        lake.AddRow("[bold]total[/]", HumanUnits.Count(report.Lake.Objects), HumanUnits.Bytes(report.Lake.Bytes), HumanUnits.Count(report.Lake.Rows));
        console.Write(lake);

        console.MarkupLine($"[bold]Image:[/] {Markup.Escape(StatusText.Image(report))}");
        var alarmColour = report.Alarms is { Count: > 0 } ? "red" : "default";
        console.MarkupLine($"[bold]Alarms:[/] [{alarmColour}]{Markup.Escape(StatusText.Alarms(report))}[/]");
        foreach (var alarm in report.Alarms ?? [])
        {
            console.MarkupLine($"  [red]{Markup.Escape(alarm.Name)}[/] since {Markup.Escape(alarm.Since?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "?")}: {Markup.Escape(alarm.Reason)}");
        }
    }

    private static string[] Row(string role, QueueState queue) =>
    [
        Markup.Escape($"{role} ({queue.Name})"),
        HumanUnits.Count(queue.Visible),
        HumanUnits.Count(queue.InFlight),
        HumanUnits.Count(queue.Delayed),
        Markup.Escape(StatusText.OldestAge(queue)),
    ];
}
