using DataPlatform.Build.Host;
using DataPlatform.Build.Operations;
using DataPlatform.Operations.Presentation;
using DataPlatform.Operations.Reconcile;
using Spectre.Console;

namespace DataPlatform.Build.Tasks;

[TaskName("Send")]
[TaskDescription("Sends the event bodies in --file (one JSON body per line) to the ingest queue and records their message and event ids in the send ledger, for Reconcile.")]
[IsDependentOn(typeof(UpTask))]
public sealed class SendTask : AsyncBuildTask<BuildContext>, IDescribesSteps<BuildContext>
{
    public IEnumerable<string> DescribeSteps(BuildContext context)
    {
        var outputs = LakeOutputs.FromArtifacts(context);
        return
        [
            $"send each non-empty line of {context.QueryFile ?? "--file"} as one message to {LakeOutputs.Describe(outputs, o => o.QueueUrl, "the ingest queue")}",
            $"append each accepted message's id and event id to {Path.Combine(context.EnvironmentStateDirectory, "ledger")}/sent-<day>.jsonl",
        ];
    }

    public override async Task RunAsync(BuildContext context)
    {
        var file = context.QueryFile ?? throw new BuildUsageException("Send needs --file=events.jsonl: one JSON event body per line (docs/events.md describes the body).");
        if (!File.Exists(file))
        {
            throw new BuildUsageException($"--file={file} does not exist. Give the path of a file with one JSON event body per line.");
        }

        var bodies = (await File.ReadAllLinesAsync(file)).Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
        var outputs = LakeOutputs.Read(context, "Send");
        Approve(context, $"send {bodies.Count} message(s) to {outputs.QueueUrl}");
        using var sqs = context.Aws.CreateSqs();
        var sent = await new LedgeredSender(sqs, SendLedger.ForEnvironment(context.EnvironmentStateDirectory)).SendAsync(outputs.QueueUrl, bodies);
        OperatorConsole.Create().MarkupLineInterpolated(
            $"Sent {HumanUnits.Count(sent.Count)} message(s) to {outputs.QueueName}; their ids are in {Path.Combine(context.EnvironmentStateDirectory, "ledger")}.");
    }

    /// <summary>As Deploy asks: nobody on local or with --auto-approve, a typed 'yes' at a terminal, a refusal elsewhere.</summary>
    private static void Approve(BuildContext context, string what)
    {
        if (context.Deployment.UsesEmbeddedEmulator || context.AutoApprove)
        {
            return;
        }

        if (!context.IsInteractive)
        {
            throw new BuildFailedException(
                $"Send would {what} on '{context.Deployment.Name}', and nobody can approve it here (CI, or standard input is not a terminal). Re-run with --auto-approve.");
        }

        Console.Write($"{what} ({context.Deployment.Name})? Only 'yes' sends: ");
        if (!string.Equals(Console.ReadLine()?.Trim(), "yes", StringComparison.Ordinal))
        {
            throw new BuildFailedException("Nothing was sent: the send was not approved.");
        }
    }
}
