using System.Diagnostics;
using System.Text.Json;

namespace DataPlatform.Infrastructure.Tests.Platform;

/// <summary>One alarm as the emulator holds it.</summary>
public sealed record DeployedAlarm(string Name, string Namespace, string Metric, IReadOnlyList<string> AlarmActions, IReadOnlyList<string> OkActions);

/// <summary>
/// What the applied local environment's alarms do on the emulator, read with the real AWS CLI:
/// the topics and alarms that exist, and whether a notification reaches an SQS queue subscribed
/// to the alarm topic, once when an alarm is set to ALARM and once when the topic is published
/// to directly. Recorded while the environment is up; the tests only assert.
/// </summary>
public sealed class AlarmProbe
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    public IReadOnlyList<string> Topics { get; private set; } = [];

    public IReadOnlyList<DeployedAlarm> Alarms { get; private set; } = [];

    /// <summary>The alarm that was set to ALARM, and its state read back afterwards.</summary>
    public (string Alarm, string State)? StateChange { get; private set; }

    /// <summary>Messages the subscribed queue received after the alarm changed state.</summary>
    public IReadOnlyList<string> DeliveredOnAlarm { get; private set; } = [];

    /// <summary>Messages the subscribed queue received after a direct publish to the topic.</summary>
    public IReadOnlyList<string> DeliveredOnPublish { get; private set; } = [];

    public TimeSpan Elapsed { get; private set; }

    public static AlarmProbe Run(AwsCli aws, string topicArn)
    {
        var clock = Stopwatch.StartNew();
        var probe = new AlarmProbe
        {
            Topics = [.. aws.Run("sns", "list-topics").GetProperty("Topics").EnumerateArray().Select(t => t.GetProperty("TopicArn").GetString()!)],
            Alarms = [.. aws.Run("cloudwatch", "describe-alarms").GetProperty("MetricAlarms").EnumerateArray().Select(Read)],
        };

        var queueUrl = aws.Run("sqs", "create-queue", "--queue-name", "alarm-probe").GetProperty("QueueUrl").GetString()!;
        var queueArn = aws.Run("sqs", "get-queue-attributes", "--queue-url", queueUrl, "--attribute-names", "QueueArn")
            .GetProperty("Attributes").GetProperty("QueueArn").GetString()!;
        aws.Run("sns", "subscribe", "--topic-arn", topicArn, "--protocol", "sqs", "--notification-endpoint", queueArn);

        var alarm = probe.Alarms.First(a => a.AlarmActions.Contains(topicArn)).Name;
        aws.Run("cloudwatch", "set-alarm-state", "--alarm-name", alarm, "--state-value", "ALARM", "--state-reason", "Alarm probe of Infrastructure.Tests");
        var state = aws.Run("cloudwatch", "describe-alarms", "--alarm-names", alarm).GetProperty("MetricAlarms")[0].GetProperty("StateValue").GetString()!;
        probe.StateChange = (alarm, state);
        probe.DeliveredOnAlarm = Receive(aws, queueUrl);

        aws.Run("sns", "publish", "--topic-arn", topicArn, "--subject", $"ALARM: \"{alarm}\"", "--message", $"{{\"AlarmName\":\"{alarm}\",\"NewStateValue\":\"ALARM\"}}");
        probe.DeliveredOnPublish = Receive(aws, queueUrl);
        probe.Elapsed = clock.Elapsed;
        return probe;
    }

    private static DeployedAlarm Read(JsonElement alarm) => new(
        alarm.GetProperty("AlarmName").GetString()!,
        alarm.TryGetProperty("Namespace", out var ns) ? ns.GetString() ?? "" : "",
        alarm.TryGetProperty("MetricName", out var metric) ? metric.GetString() ?? "" : "",
        Strings(alarm, "AlarmActions"),
        Strings(alarm, "OKActions"));

    private static string[] Strings(JsonElement element, string name) =>
        element.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array ? [.. list.EnumerateArray().Select(v => v.GetString()!)] : [];

    private static List<string> Receive(AwsCli aws, string queueUrl)
    {
        var received = aws.Run("sqs", "receive-message", "--queue-url", queueUrl, "--max-number-of-messages", "10", "--wait-time-seconds", ((int)Patience.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (received.ValueKind != JsonValueKind.Object || !received.TryGetProperty("Messages", out var messages))
        {
            return [];
        }

        var bodies = new List<string>();
        foreach (var message in messages.EnumerateArray())
        {
            bodies.Add(message.GetProperty("Body").GetString()!);
            aws.Run("sqs", "delete-message", "--queue-url", queueUrl, "--receipt-handle", message.GetProperty("ReceiptHandle").GetString()!);
        }

        return bodies;
    }
}
