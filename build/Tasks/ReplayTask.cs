using DataPlatform.Build.Host;
using DataPlatform.Build.Local;
using DataPlatform.Build.Operations;
using DataPlatform.Deployment.Terraform;
using DataPlatform.LocalRunner;
using DataPlatform.Operations.Presentation;
using DataPlatform.Operations.Reconcile;
using DataPlatform.Operations.Replay;
using DataPlatform.Processor.Configuration;
using Spectre.Console;

namespace DataPlatform.Build.Tasks;

[TaskName("Replay")]
[TaskDescription("Re-sends quarantined bodies (by --from/--to dt and --reason) that today's contract accepts, byte for byte, once each.")]
[IsDependentOn(typeof(UpTask))]
public sealed class ReplayTask : AsyncBuildTask<BuildContext>, IDescribesSteps<BuildContext>
{
    public IEnumerable<string> DescribeSteps(BuildContext context)
    {
        var output = DeployedOutputsFile.Reader(context);
        var lake = $"s3://{output("lake_bucket")}/{(output("lake_prefix").StartsWith('<') ? "" : output("lake_prefix"))}";
        return
        [
            $"read the deployed processor's settings (its {ProcessorSettings.MaxBodyBytesVariable}) from the compute stack's outputs",
            $"read {lake}quarantine/dt={context.ReplayFrom:yyyy-MM-dd}/ to dt={context.ReplayTo:yyyy-MM-dd}/" +
            (context.ReplayReason is null ? ", every reason" : $", only errors containing '{context.ReplayReason}'"),
            $"list {lake}operations/replayed/ and skip the bodies replayed before",
            "check each body with the processor's contract and print how many pass today (nothing is sent before this)",
            context.Deployment.UsesEmbeddedEmulator || context.AutoApprove
                ? "send without asking (" + (context.AutoApprove ? "--auto-approve" : "local environment") + ")"
                : "ask before sending (--auto-approve skips the question)",
            $"send the bodies that pass, exact bytes, to {output("ingest_queue_url")}, and record each as {lake}operations/replayed/<quarantined message id>.json",
        ];
    }

    public override async Task RunAsync(BuildContext context)
    {
        context.Stacks.Init([StackCatalog.Storage, StackCatalog.Compute]);
        context.Stacks.ReadOutputs([StackCatalog.Storage, StackCatalog.Compute]);
        var storage = context.Stacks.OutputsOf(StackCatalog.Storage);
        if (!storage.TryGetValue("ingest_queue_url", out var queue))
        {
            throw new BuildFailedException($"'{context.Deployment.Name}' is not deployed (the storage stack has no ingest queue). Run ./build.sh --target=Deploy first.");
        }

        var settings = DeployedSettings(context);
        // Reading quarantine and recording replays under operations/ is an operator's act, not the deploy
        // identity's (it reads no quarantine and writes nothing there): on local the emulator's administrator does it.
        var aws = context.Deployment.UsesEmbeddedEmulator ? new LocalEnvironment(context).Administrator(context.Aws) : context.Aws;
        using var s3 = aws.CreateS3();
        using var sqs = aws.CreateSqs();
        var replay = new QuarantineReplay(s3, sqs, queue.GetString()!, settings, SendLedger.ForEnvironment(context.EnvironmentStateDirectory));
        var selection = new ReplaySelection(context.ReplayFrom, context.ReplayTo, context.ReplayReason);
        var console = OperatorConsole.Create();
        var plan = await console.Status().StartAsync(
            $"reading quarantine dt={selection.From:yyyy-MM-dd} to dt={selection.To:yyyy-MM-dd} and checking each body ...",
            _ => replay.PlanAsync(selection));

        Show(context, console, plan, settings);
        if (plan.ToSend.Count == 0)
        {
            Say(context, "Replay: nothing to send.");
            return;
        }

        OperatorApproval.Confirm(context, $"send {HumanUnits.Count(plan.ToSend.Count)} quarantined bodies to {queue.GetString()}", "Replay");
        ReplayResult? result = null;
        try
        {
            await console.Progress().AutoClear(false).StartAsync(async progress =>
            {
                var bar = progress.AddTask("replaying", maxValue: plan.ToSend.Count);
                result = await replay.SendAsync(plan, new Progress<ReplayProgress>(p => bar.Value = p.Sent));
                bar.Value = bar.MaxValue;
            });
        }
        catch (ReplayFailedException failed)
        {
            throw new BuildFailedException(failed.Message, failed);
        }

        Say(context,
            $"Replay: sent {HumanUnits.Count(result!.Sent)} bodies ({HumanUnits.Bytes(plan.BytesToSend)}) to {queue.GetString()} in {HumanUnits.Duration(result.Elapsed)}; each is recorded under {replay.LedgerLocation}, so the next Replay skips it.");
        if (context.Deployment.UsesEmbeddedEmulator)
        {
            Say(context, "On the local environment nothing consumes the ingest queue by itself: ./build.sh --target=Drain lands them.");
        }
    }

    private static void Show(BuildContext context, IAnsiConsole console, ReplayPlan plan, ProcessorSettings settings)
    {
        var reason = plan.Selection.Reason is null ? "every reason" : $"errors containing '{plan.Selection.Reason}'";
        Say(context,
            $"Quarantine dt={plan.Selection.From:yyyy-MM-dd} to dt={plan.Selection.To:yyyy-MM-dd}, {reason}, checked against today's contract ({ProcessorSettings.MaxBodyBytesVariable}={HumanUnits.Count(settings.MaxBodyBytes)}):");
        var table = OperatorConsole.Table("quarantined bodies", "count");
        table.Columns[1].RightAligned();
        table.AddRow("selected", HumanUnits.Count(plan.Selected));
        table.AddRow("replayed before (skipped)", HumanUnits.Count(plan.AlreadyReplayed.Count));
        table.AddRow("would be refused again (stay)", HumanUnits.Count(plan.StillRefused.Count));
        if (plan.NotText.Count > 0)
        {
            table.AddRow("not UTF-8 text, SQS cannot carry them (stay)", HumanUnits.Count(plan.NotText.Count));
        }

        table.AddRow(new Markup("[bold]pass today: will be sent[/]"), new Markup($"[bold]{HumanUnits.Count(plan.ToSend.Count)}[/]"));
        console.Write(table);

        if (plan.StillRefused.Count > 0)
        {
            var refusals = OperatorConsole.Table("refused today because", "count");
            refusals.Columns[1].RightAligned();
            foreach (var (why, count) in plan.RefusalsByReason().Take(10))
            {
                refusals.AddRow(Markup.Escape(why), HumanUnits.Count(count));
            }

            console.Write(refusals);
        }
    }

    /// <summary>Sentences go through the build's log, which never wraps them (the console wraps at its width, 80 columns in a CI log).</summary>
    private static void Say(BuildContext context, string sentence) => context.Log.Information("{0}", sentence);

    private static ProcessorSettings DeployedSettings(BuildContext context)
    {
        try
        {
            var deployed = DeployedProcessor.FromOutputs(context.Stacks.OutputsOf(StackCatalog.Compute), "the compute stack's outputs");
            return deployed.Settings(new Dictionary<string, string?>
            {
                [ProcessorSettings.RegionVariable] = context.Aws.Region,
                [ProcessorSettings.EndpointVariable] = context.Aws.Endpoint?.ToString(),
                // The image carries the repository's contracts/: judge bodies by the same ones.
                [ProcessorSettings.ContractsVariable] = Path.Combine(context.RepositoryRoot, "contracts"),
            });
        }
        catch (Exception exception) when (exception is ArgumentException or ConfigurationException)
        {
            throw new BuildFailedException(exception.Message, exception);
        }
    }
}
