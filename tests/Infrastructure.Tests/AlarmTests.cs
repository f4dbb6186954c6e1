using System.Globalization;
using System.Text;
using System.Text.Json;
using DataPlatform.Infrastructure.Tests.Platform;
using DataPlatform.Infrastructure.Tests.Policies;
using DataPlatform.Processor.Telemetry;
using Xunit.Abstractions;

namespace DataPlatform.Infrastructure.Tests;

/// <summary>
/// The alarms reach someone: in the prod plan every alarm watches a metric that exists (the
/// processor's own metrics pinned to what its code emits) and notifies the environment's topic;
/// on the emulator the topic exists, the alarms name it, and what is published to it arrives.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class AlarmTests(PlatformFixture platform, ITestOutputHelper output)
{
    // What must page someone, by the suffix of the alarm's name (docs/alarms.md has the runbook).
    public static TheoryData<string, string, string> ExpectedAlarms() => new()
    {
        { "-ingest-dlq-not-empty", "AWS/SQS", "ApproximateNumberOfMessagesVisible" },
        { "-ingest-oldest-message-age", "AWS/SQS", "ApproximateAgeOfOldestMessage" },
        { "-processor-events-quarantined", EmbeddedMetrics.Namespace, "EventsQuarantined" },
        { "-processor-errors", "AWS/Lambda", "Errors" },
        { "-processor-throttles", "AWS/Lambda", "Throttles" },
        { "-compaction-errors", "AWS/Lambda", "Errors" },
    };

    [Theory]
    [MemberData(nameof(ExpectedAlarms))]
    public void The_prod_plan_has_the_alarm(string suffix, string metricNamespace, string metric)
    {
        var alarm = Assert.Single(platform.ProdPlanDocument().OfType("aws_cloudwatch_metric_alarm"), a => a.String("alarm_name") == $"dp-prod{suffix}");

        Assert.Equal(metricNamespace, alarm.String("namespace"));
        Assert.Equal(metric, alarm.String("metric_name"));
    }

    [Fact]
    public void Alarms_on_the_processors_metrics_watch_what_its_code_emits()
    {
        var emitted = Emitted("dp-prod-processor");
        var plan = platform.ProdPlanDocument();
        var function = Assert.Single(plan.OfType("aws_lambda_function"), f => f.String("function_name") == "dp-prod-processor").String("function_name");
        var alarms = plan.OfType("aws_cloudwatch_metric_alarm").Where(a => a.String("namespace") == emitted.Namespace).ToList();

        Assert.NotEmpty(alarms);
        Assert.All(alarms, alarm =>
        {
            Assert.Contains(alarm.String("metric_name"), emitted.Metrics);
            var dimensions = Dimensions(alarm);
            Assert.Equal(emitted.Dimensions.Order(), dimensions.Keys.Order());
            Assert.Equal(function, dimensions["FunctionName"]);
        });
    }

    [Fact]
    public void Lambda_alarms_watch_the_functions_the_plan_deploys()
    {
        var plan = platform.ProdPlanDocument();
        var alarms = plan.OfType("aws_cloudwatch_metric_alarm").Where(a => a.String("namespace") == "AWS/Lambda").ToList();

        // The processor's errors and throttles; compaction's errors (one run at a time: throttles are its design).
        var watched = alarms.Select(a => Assert.Single(Dimensions(a), d => d.Key == "FunctionName").Value).Order(StringComparer.Ordinal);
        Assert.Equal(["dp-prod-compaction", "dp-prod-processor", "dp-prod-processor"], watched);
        Assert.All(watched.Distinct(), function => Assert.Contains(plan.OfType("aws_lambda_function"), f => f.String("function_name") == function));
    }

    [Fact]
    public void Every_alarm_of_the_prod_plan_notifies_the_one_alarm_topic()
    {
        var plan = platform.ProdPlanDocument();
        var topic = Assert.Single(plan.OfType("aws_sns_topic"));
        var arn = $"arn:aws:sns:eu-west-1:123456789012:{topic.String("name")}";

        Assert.Equal("dp-prod-alarms", topic.String("name"));
        Assert.All(plan.OfType("aws_cloudwatch_metric_alarm"), alarm =>
        {
            Assert.Equal([arn], Actions(alarm, "alarm_actions"));
            Assert.Equal([arn], Actions(alarm, "ok_actions"));
        });
        output.WriteLine(Table(plan));
    }

    [Fact]
    public void On_the_emulator_the_topic_exists_and_every_alarm_notifies_it()
    {
        var probe = Probe();
        var topic = platform.LocalRun("storage").Outputs["alarm_topic_arn"].GetString()!;

        Assert.Contains(topic, probe.Topics);
        Assert.Equal(6, probe.Alarms.Count(a => a.Name.StartsWith("dp-local-", StringComparison.Ordinal)));
        Assert.All(probe.Alarms, alarm =>
        {
            Assert.Contains(topic, alarm.AlarmActions);
            Assert.Contains(topic, alarm.OkActions);
        });
    }

    [Fact]
    public void On_the_emulator_an_alarm_set_to_ALARM_is_in_ALARM_and_what_the_topic_publishes_reaches_a_subscribed_queue()
    {
        var probe = Probe();

        Assert.Equal("ALARM", probe.StateChange?.State);
        var delivered = Assert.Single(probe.DeliveredOnPublish);
        using var envelope = JsonDocument.Parse(delivered);
        Assert.Contains(probe.StateChange!.Value.Alarm, envelope.RootElement.GetProperty("Message").GetString(), StringComparison.Ordinal);

        // moto 5.2.1 changes the state but runs no alarm action (SetAlarmState publishes nothing),
        // so the alarm → topic hop is proven by the actions above, the topic → queue hop here.
        output.WriteLine($"Delivered by the state change itself: {probe.DeliveredOnAlarm.Count} (moto 5.2.1 runs no alarm actions); by a publish to the topic: {probe.DeliveredOnPublish.Count}. Probe: {probe.Elapsed.TotalSeconds:0.0} s.");
    }

    private AlarmProbe Probe() =>
        platform.Alarms ?? throw new InvalidOperationException(
            $"The alarm probe did not run on the emulator: {platform.AlarmProbeFailure?.Message ?? platform.LocalFailure?.Message ?? "the local cycle did not get that far"}");

    /// <summary>The namespace, dimension names and metric names of one line the processor's metrics writer emits.</summary>
    private static (string Namespace, string[] Dimensions, string[] Metrics) Emitted(string functionName)
    {
        using var writer = new StringWriter();
        new EmbeddedMetrics(writer, functionName).Publish(new BatchMetrics(1, 1, 1, 0, 1, 1, 1), DateTimeOffset.UnixEpoch);
        using var line = JsonDocument.Parse(writer.ToString());
        var directive = line.RootElement.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0];
        var dimensions = Assert.Single(directive.GetProperty("Dimensions").EnumerateArray()).EnumerateArray().Select(d => d.GetString()!).ToArray();
        Assert.All(dimensions, d => Assert.Equal(functionName, line.RootElement.GetProperty(d).GetString()));
        return (
            directive.GetProperty("Namespace").GetString()!,
            dimensions,
            [.. directive.GetProperty("Metrics").EnumerateArray().Select(m => m.GetProperty("Name").GetString()!)]);
    }

    private static Dictionary<string, string> Dimensions(PlannedResource alarm) =>
        alarm.Attribute("dimensions") is { ValueKind: JsonValueKind.Object } map
            ? map.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!)
            : [];

    private static string[] Actions(PlannedResource alarm, string attribute) =>
        alarm.Attribute(attribute) is { ValueKind: JsonValueKind.Array } list ? [.. list.EnumerateArray().Select(a => a.GetString()!)] : [];

    /// <summary>The prod plan's alarms as a Markdown table, for the closing note and reviewers.</summary>
    private static string Table(PlanDocument plan)
    {
        var table = new StringBuilder("| alarm | metric | fires when | missing data | actions |\n|---|---|---|---|---|\n");
        foreach (var alarm in plan.OfType("aws_cloudwatch_metric_alarm").OrderBy(a => a.String("alarm_name"), StringComparer.Ordinal))
        {
            var when = string.Create(CultureInfo.InvariantCulture,
                $"{alarm.String("statistic")} {(alarm.String("comparison_operator") == "GreaterThanThreshold" ? ">" : alarm.String("comparison_operator"))} {alarm.Number("threshold")} over {alarm.Number("evaluation_periods")} × {alarm.Number("period")} s");
            table.Append(CultureInfo.InvariantCulture,
                $"| {alarm.String("alarm_name")} | {alarm.String("namespace")} {alarm.String("metric_name")} | {when} | {alarm.String("treat_missing_data")} | {string.Join(", ", Actions(alarm, "alarm_actions"))} |\n");
        }

        return table.ToString();
    }
}
