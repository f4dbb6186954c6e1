using System.Globalization;
using DataPlatform.Build.Host;
using DataPlatform.Build.Operations;
using DataPlatform.Compaction;
using DataPlatform.Deployment.Terraform;

namespace DataPlatform.Build.Tasks;

[TaskName("Compact")]
[TaskDescription("Compacts the lake's closed hours into deduplicated parts under compacted/ (the scheduled function's run, from here): --grace, --lookback, --max-hours, --now.")]
[IsDependentOn(typeof(UpTask))]
public sealed class CompactTask : AsyncBuildTask<BuildContext>, IDescribesSteps<BuildContext>
{
    public IEnumerable<string> DescribeSteps(BuildContext context)
    {
        var settings = context.Compact.Apply(new CompactionSettings { Bucket = "<lake_bucket>" });
        var lake = LakeOutputs.Describe(LakeOutputs.FromArtifacts(context), o => $"s3://{o.Bucket}/{o.Prefix}", "s3://<lake_bucket>/<lake_prefix>");
        return
        [
            $"read {lake}compacted/_watermark/watermark.json",
            $"compact hours closed by {When(context)} (ended at least {settings.Grace.TotalMinutes:0} min before), from the watermark on, at most {settings.MaxHours}: " +
            $"read events/, drop duplicate event ids (first sent kept; ids compacted within {settings.Lookback.TotalHours:0} h), write compacted/events/, the hour's inputs list, then move the watermark",
            $"delete raw files listed in inputs lists compacted more than {settings.RawRetention.TotalHours:0} h ago",
        ];
    }

    public override async Task RunAsync(BuildContext context)
    {
        var outputs = LakeOutputs.Read(context, "Compact");
        var settings = context.Compact.Apply(new CompactionSettings
        {
            Bucket = outputs.Bucket,
            Prefix = outputs.Prefix,
            KmsKeyArn = KmsKeyArn(context),
            // The repository's contracts/, as the deployed image carries them: contracted types get typed columns.
            Contracts = context.EventContracts.Set,
        });
        using var s3 = context.Aws.CreateS3();
        var now = context.Compact.Now ?? DateTime.UtcNow;
        context.Log.Information($"Compacting s3://{outputs.Bucket}/{outputs.Prefix} as of {now.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)} " +
            $"(grace {settings.Grace.TotalMinutes:0} min, look-back {settings.Lookback.TotalHours:0} h, at most {settings.MaxHours} hour(s)) ...");
        var progress = new LogProgress(line => context.Log.Information(line.ToString()));
        var summary = await new CompactionRun(s3, settings).RunAsync(now, null, progress, CancellationToken.None);
        context.Log.Information(summary.ToString());
    }

    /// <summary>The lake bucket's KMS key (the registry stack's), so PUTs name the key the bucket encrypts with.</summary>
    private static string? KmsKeyArn(BuildContext context)
    {
        context.Stacks.Init([StackCatalog.Registry]);
        context.Stacks.ReadOutputs([StackCatalog.Registry]);
        return context.Stacks.OutputsOf(StackCatalog.Registry).TryGetValue("kms_key_arn", out var key) ? key.GetString() : null;
    }

    private static string When(BuildContext context) =>
        context.Compact.Now is { } now ? now.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) : "now";

    private sealed class LogProgress(Action<HourProgress> report) : IProgress<HourProgress>
    {
        public void Report(HourProgress value) => report(value);
    }
}
