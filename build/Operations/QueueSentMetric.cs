using System.Globalization;
using System.Text.Json;
using Cake.Core;
using Cake.Core.IO;
using DataPlatform.Build.Host;
using DataPlatform.Build.Image;
using DataPlatform.Operations.Reconcile;

namespace DataPlatform.Build.Operations;

/// <summary>
/// A queue's CloudWatch <c>NumberOfMessagesSent</c> summed over a window, through the AWS CLI (AWSSDK.CloudWatch is
/// not served). SQS publishes it per minute, so a window is widened to whole minutes, and the last minutes may
/// not be published yet: Reconcile says so next to the number.
/// </summary>
public sealed class QueueSentMetric(ICakeContext context, IReadOnlyDictionary<string, string?> environment, DirectoryPath workingDirectory, string region)
    : CommandLineTool<AwsCliSettings>(context, null, environment, workingDirectory)
{
    /// <summary>get-metric-statistics returns at most 1,440 datapoints a call.</summary>
    private const int MaxDatapoints = 1440;

    public long Sum(string queueName, ReconcileWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        var start = Minute(window.From);
        var end = Minute(window.To.AddSeconds(59));
        var minutes = Math.Max(1, (int)(end - start).TotalMinutes);
        var period = 60 * (int)Math.Ceiling(minutes / (double)MaxDatapoints);
        var result = Execute(new ProcessArgumentBuilder()
            .Append("cloudwatch").Append("get-metric-statistics")
            .Append("--namespace").Append("AWS/SQS")
            .Append("--metric-name").Append("NumberOfMessagesSent")
            .Append("--dimensions").AppendQuoted($"Name=QueueName,Value={queueName}")
            .Append("--start-time").Append(start.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture))
            .Append("--end-time").Append(end.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture))
            .Append("--period").Append(period.ToString(CultureInfo.InvariantCulture))
            .Append("--statistics").Append("Sum")
            .Append("--region").Append(region)
            .Append("--output").Append("json"));
        if (!result.Succeeded)
        {
            throw new BuildFailedException(
                $"CloudWatch did not give the queue's sent count (aws cloudwatch get-metric-statistics for {queueName}): {result.LastError}. " +
                "Reconcile needs cloudwatch:GetMetricStatistics on a real account; check the credentials (AWS_PROFILE, --profile) and their permissions.");
        }

        using var document = JsonDocument.Parse(result.OutputText);
        return (long)document.RootElement.GetProperty("Datapoints").EnumerateArray().Sum(d => d.GetProperty("Sum").GetDouble());
    }

    protected override string GetToolName() => "AWS CLI";

    protected override IEnumerable<string> GetToolExecutableNames() => ["aws", "aws.exe", "aws.cmd"];

    private static DateTimeOffset Minute(DateTimeOffset time) =>
        new(time.UtcDateTime.Year, time.UtcDateTime.Month, time.UtcDateTime.Day, time.UtcDateTime.Hour, time.UtcDateTime.Minute, 0, TimeSpan.Zero);
}
