using DataPlatform.Operations.Presentation;
using DataPlatform.Operations.Reconcile;
using Spectre.Console;

namespace DataPlatform.Build.Operations;

/// <summary>Reconcile's screen: the counts of the window, what they are based on, and the missing ids.</summary>
public static class ReconcileScreen
{
    private const int ShownIds = 50;

    public static void Write(IAnsiConsole console, ReconcileReport report, LakeOutputs outputs)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(outputs);
        console.WriteLine();
        console.MarkupLineInterpolated(
            $"[bold]Reconcile[/] {report.Window.From:yyyy-MM-dd HH:mm:ss}Z → {report.Window.To:yyyy-MM-dd HH:mm:ss}Z ({HumanUnits.Duration(report.Window.To - report.Window.From)}), queue {outputs.QueueName}");
        var table = OperatorConsole.Table("", "messages", "from");
        table.Columns[1].RightAligned();
        Row(table, "sent", report.Sent, report.Source switch
        {
            SentSource.Ledger => "the send ledger (exact)",
            SentSource.CloudWatch => "CloudWatch NumberOfMessagesSent (approximate)",
            _ => "unknown: no ledger entries for this window",
        });
        Row(table, "landed", report.Landed, report.LandedAsAnotherCopy > 0
            ? $"the lake's events/, compacted/events/ and canaries/ Parquet (sqs_message_id); {HumanUnits.Count(report.LandedAsAnotherCopy)} through another copy of the same event_id, kept by the compaction"
            : "the lake's events/, compacted/events/ and canaries/ Parquet (sqs_message_id)");
        Row(table, "quarantined", report.Quarantined, "the lake's quarantine/ Parquet");
        Row(table, "missing", report.Missing, "sent − landed − quarantined");
        Row(table, "in the queue now", report.Queue.Total, $"{HumanUnits.Count(report.Queue.Visible)} visible, {HumanUnits.Count(report.Queue.InFlight)} in flight, {HumanUnits.Count(report.Queue.Delayed)} delayed (whole queue)");
        Row(table, "in the DLQ now", report.DeadLetters.Total, "whole queue, read from its attributes");
        Row(table, "lost", report.Lost, report.QueuesEmpty ? "missing, with both queues empty: exact" : "missing − queue − DLQ: at least this many");
        if (report.Source == SentSource.Ledger)
        {
            Row(table, "not in the ledger", report.Unledgered, "landed or quarantined in the window, sent by something else");
        }

        console.Write(table);
        foreach (var note in Notes(report))
        {
            console.MarkupLineInterpolated($"[grey]{note}[/]");
        }

        if (report.MissingMessages.Count > 0)
        {
            console.WriteLine();
            console.MarkupLineInterpolated($"[bold]Missing[/] ({HumanUnits.Count(report.MissingMessages.Count)}): neither in the lake nor in quarantine");
            var missing = OperatorConsole.Table("sent at (UTC)", "message id", "event id");
            foreach (var message in report.MissingMessages.Take(ShownIds))
            {
                missing.AddRow(Markup.Escape($"{message.SentAt:yyyy-MM-dd HH:mm:ss}"), Markup.Escape(message.MessageId), Markup.Escape(message.EventId));
            }

            console.Write(missing);
            if (report.MissingMessages.Count > ShownIds)
            {
                console.MarkupLineInterpolated($"… and {HumanUnits.Count(report.MissingMessages.Count - ShownIds)} more; narrow --from/--to to see them.");
            }
        }
    }

    private static IEnumerable<string> Notes(ReconcileReport report)
    {
        if (report.Source == SentSource.CloudWatch)
        {
            yield return "CloudWatch counts per minute, so the window is widened to whole minutes, and the last few minutes may not be published yet; " +
                "it also counts every sender, the kit's canaries included. Landed counts rows whose SQS sent time is in the window. Treat small differences at the edges as timing.";
        }

        if (report.Source == SentSource.Unknown)
        {
            yield return "Nothing sent through the kit's ledger in this window, so sent and lost are unknown; Send and Verify record what they send (docs/operations.md).";
        }

        if (report.Missing > 0 && !report.QueuesEmpty)
        {
            yield return "Missing messages may still be waiting in the queue or the DLQ: the DLQ is not received from to list its ids, because that would raise their receive counts.";
        }
    }

    private static void Row(Table table, string what, long? count, string from) =>
        table.AddRow(what, count is null ? "?" : HumanUnits.Count(count.Value), Markup.Escape(from));
}
