using DataPlatform.Build.Host;
using DataPlatform.Build.Local;
using DataPlatform.Build.Operations;
using DataPlatform.Deployment.Terraform;
using DataPlatform.Operations.Presentation;
using DataPlatform.Operations.Redrive;
using Spectre.Console;

namespace DataPlatform.Build.Tasks;

[TaskName("Redrive")]
[TaskDescription("Moves the dead-letter queue's messages back to the ingest queue (SQS's message-move task, else receive → send → delete).")]
[IsDependentOn(typeof(UpTask))]
public sealed class RedriveTask : AsyncBuildTask<BuildContext>, IDescribesSteps<BuildContext>
{
    public IEnumerable<string> DescribeSteps(BuildContext context)
    {
        var output = DeployedOutputsFile.Reader(context);
        return
        [
            $"count the messages in the dead-letter queue {output("dead_letter_queue_url")}",
            context.Deployment.UsesEmbeddedEmulator || context.AutoApprove
                ? "move them without asking (" + (context.AutoApprove ? "--auto-approve" : "local environment") + ")"
                : "ask before moving them (--auto-approve skips the question)",
            $"start SQS's message-move task to {output("ingest_queue_url")}; where the service has none (the emulator), " +
            "receive up to 10 at a time, send each to the ingest queue with its body and attributes, then delete it from the DLQ",
        ];
    }

    public override async Task RunAsync(BuildContext context)
    {
        context.Stacks.Init([StackCatalog.Storage]);
        context.Stacks.ReadOutputs([StackCatalog.Storage]);
        var storage = context.Stacks.OutputsOf(StackCatalog.Storage);
        if (!storage.TryGetValue("ingest_queue_url", out var queue) || !storage.TryGetValue("dead_letter_queue_url", out var deadLetters))
        {
            throw new BuildFailedException($"'{context.Deployment.Name}' is not deployed (the storage stack has no queues). Run ./build.sh --target=Deploy first.");
        }

        var options = new RedriveOptions { DeadLetterQueueUrl = deadLetters.GetString()!, IngestQueueUrl = queue.GetString()! };
        // Moving messages off the dead-letter queue is an operator's act, not the deploy identity's (it
        // never receives or deletes messages): on local the emulator's administrator does it.
        var aws = context.Deployment.UsesEmbeddedEmulator ? new LocalEnvironment(context).Administrator(context.Aws) : context.Aws;
        using var sqs = aws.CreateSqs();
        var redrive = new DeadLetterRedrive(sqs, options);
        var console = OperatorConsole.Create();
        var waiting = await redrive.DepthAsync();
        if (waiting == 0)
        {
            Say(context, $"Redrive: the dead-letter queue {options.DeadLetterQueueUrl} is empty; nothing to move.");
            return;
        }

        OperatorApproval.Confirm(context, $"move {HumanUnits.Count(waiting)} message(s) from {options.DeadLetterQueueUrl} to {options.IngestQueueUrl}", "Redrive");
        RedriveResult? result = null;
        try
        {
            await console.Progress().AutoClear(false).StartAsync(async progress =>
            {
                var bar = progress.AddTask("moving DLQ messages", maxValue: waiting);
                result = await redrive.RunAsync(new Progress<RedriveProgress>(p =>
                {
                    bar.MaxValue = Math.Max(1, p.Expected);
                    bar.Value = p.Moved;
                }));
                bar.Value = bar.MaxValue;
            });
        }
        catch (RedriveFailedException failed)
        {
            throw new BuildFailedException(failed.Message, failed);
        }

        if (result!.FallbackReason is { } reason)
        {
            Say(context,
                $"SQS's message-move task is not available here ({reason}); the messages were moved by receive → send → delete, so an interruption could only have duplicated one, never lost it.");
        }

        var table = OperatorConsole.Table("", "");
        table.Columns[1].RightAligned();
        table.AddRow("moved", HumanUnits.Count(result.Moved));
        table.AddRow("method", result.Method == RedriveMethod.MessageMoveTask ? "SQS message-move task" : "receive → send → delete");
        table.AddRow("took", HumanUnits.Duration(result.Elapsed));
        table.AddRow("left in the dead-letter queue", HumanUnits.Count(await redrive.DepthAsync()));
        console.Write(table);
        Say(context, $"Redrive: moved {HumanUnits.Count(result.Moved)} message(s) from {options.DeadLetterQueueUrl} to {options.IngestQueueUrl}.");
        if (context.Deployment.UsesEmbeddedEmulator)
        {
            Say(context, "On the local environment nothing consumes the ingest queue by itself: ./build.sh --target=Drain processes them.");
        }
    }

    /// <summary>Sentences go through the build's log, which never wraps them (the console wraps at its width, 80 columns in a CI log).</summary>
    private static void Say(BuildContext context, string sentence) => context.Log.Information("{0}", sentence);
}
