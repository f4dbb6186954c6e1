using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace DataPlatform.Operations.Status;

/// <summary>
/// <see cref="IQueueMonitoring"/> through the AWS CLI (AWSSDK.CloudWatch is not served). Credentials
/// reach the CLI only through its environment, never its arguments.
/// </summary>
/// <param name="environment">The CLI's environment: region, endpoint and credentials; a null value removes a variable.</param>
public sealed class CloudWatchCli(IReadOnlyDictionary<string, string?> environment, string executable = "aws") : IQueueMonitoring
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Why the last call failed, in the CLI's words; shown when the alarms are unknown.</summary>
    public string? LastError { get; private set; }

    public async Task<TimeSpan?> OldestMessageAgeAsync(string queueName, CancellationToken cancellationToken)
    {
        var end = DateTime.UtcNow;
        using var result = await RunAsync(
            ["cloudwatch", "get-metric-statistics", "--namespace", "AWS/SQS", "--metric-name", "ApproximateAgeOfOldestMessage",
             "--dimensions", $"Name=QueueName,Value={queueName}",
             "--start-time", Iso(end.AddMinutes(-15)), "--end-time", Iso(end), "--period", "60", "--statistics", "Maximum"],
            cancellationToken);
        var newest = result?.RootElement.GetProperty("Datapoints").EnumerateArray()
            .OrderByDescending(d => Timestamp(d.GetProperty("Timestamp")))
            .FirstOrDefault();
        return newest is { ValueKind: JsonValueKind.Object } point ? TimeSpan.FromSeconds(point.GetProperty("Maximum").GetDouble()) : null;
    }

    public async Task<IReadOnlyList<FiringAlarm>?> FiringAlarmsAsync(CancellationToken cancellationToken)
    {
        using var result = await RunAsync(["cloudwatch", "describe-alarms", "--state-value", "ALARM"], cancellationToken);
        if (result is null)
        {
            return null;
        }

        return result.RootElement.GetProperty("MetricAlarms").EnumerateArray()
            .Select(a => new FiringAlarm(
                a.GetProperty("AlarmName").GetString()!,
                a.TryGetProperty("StateReason", out var reason) ? reason.GetString() ?? "" : "",
                a.TryGetProperty("StateUpdatedTimestamp", out var since) ? Timestamp(since) : null))
            .OrderBy(a => a.Name, StringComparer.Ordinal)
            .ToList();
    }

    private async Task<JsonDocument?> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments.Append("--output").Append("json"))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        start.Environment["AWS_PAGER"] = "";
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CallTimeout);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception missing)
        {
            LastError = $"the AWS CLI ('{executable}') could not be started: {missing.Message}. Install it (pip install awscli) to see alarms and message ages.";
            return null;
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var errors = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                LastError = $"aws {arguments[0]} {arguments[1]} did not answer within {CallTimeout.TotalSeconds:0} s.";
                return null;
            }

            if (process.ExitCode != 0)
            {
                LastError = $"aws {arguments[0]} {arguments[1]} failed: {(await errors).Trim()}";
                return null;
            }

            return JsonDocument.Parse(await output);
        }
    }

    // The CLI prints times as ISO text or as epoch seconds, depending on its version and cli_timestamp_format.
    private static DateTimeOffset? Timestamp(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String when DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) => at,
        JsonValueKind.Number => DateTimeOffset.UnixEpoch.AddSeconds(value.GetDouble()),
        _ => null,
    };

    private static string Iso(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
