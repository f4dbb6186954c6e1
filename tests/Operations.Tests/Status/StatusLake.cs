using Amazon.S3;
using Amazon.SQS;
using Amazon.SQS.Model;
using DataPlatform.Aws;
using DataPlatform.Emulator;
using DataPlatform.LocalRunner;
using DataPlatform.Operations.Status;
using DataPlatform.Processor.Configuration;

namespace DataPlatform.Operations.Tests.Status;

/// <summary>
/// One moto server with one small environment whose contents the Status tests know exactly: good and
/// bad events landed by the real processor (in process, through the local runner's mapping), messages
/// left in the ingest queue and in the DLQ, a firing alarm, and one report taken over all of it.
/// </summary>
public sealed class StatusLake : IAsyncLifetime
{
    public const string Bucket = "status-lake";
    public const string Prefix = "lake/";
    public const string AlarmName = "status-test-dlq-not-empty";
    public const int Good = 30;
    public const int NotJson = 4;
    public const int MissingType = 3;
    public const int DeadLettered = 3;
    public const int OldestAgeSeconds = 42;

    /// <summary>Event types of the good events, ten each.</summary>
    public static readonly string[] Types = ["order.created", "order.paid", "page.view"];

    private MotoServer? _server;

    public StatusReport Report { get; private set; } = null!;

    public DateTimeOffset LandedFrom { get; private set; }

    public DateTimeOffset LandedUntil { get; private set; }

    public IReadOnlyDictionary<string, string> CliEnvironment => EmulatorCredentials.Environment(Server.Endpoint);

    public MotoServer Server => _server ?? throw new InvalidOperationException("moto has not started.");

    public AwsClients Clients => new(AwsEndpoint.Emulator(Server.Endpoint, EmulatorCredentials.Region, EmulatorCredentials.AccessKeyId, EmulatorCredentials.SecretAccessKey));

    public async Task InitializeAsync()
    {
        _server = await MotoServer.StartAsync();
        using var sqs = Clients.CreateSqs();
        using var s3 = Clients.CreateS3();
        await s3.PutBucketAsync(Bucket);
        var dlq = (await sqs.CreateQueueAsync("status-ingest-dlq")).QueueUrl;
        var dlqArn = (await sqs.GetQueueAttributesAsync(dlq, ["QueueArn"])).QueueARN;
        var queue = (await sqs.CreateQueueAsync(new CreateQueueRequest
        {
            QueueName = "status-ingest",
            Attributes = new() { ["RedrivePolicy"] = $$"""{"deadLetterTargetArn":"{{dlqArn}}","maxReceiveCount":"5"}""" },
        })).QueueUrl;

        LandedFrom = DateTimeOffset.UtcNow;
        var bodies = Enumerable.Range(0, Good).Select(i =>
                $$"""{"event_id":"status-{{i}}","event_type":"{{Types[i % Types.Length]}}","occurred_at":"2026-01-01T00:00:00Z","payload":{"n":{{i}} } }""")
            .Concat(Enumerable.Range(0, NotJson).Select(i => $"not json {i}"))
            .Concat(Enumerable.Range(0, MissingType).Select(i => $$"""{"event_id":"bad-{{i}}","occurred_at":"2026-01-01T00:00:00Z"}"""))
            .ToList();
        await SendAsync(sqs, queue, bodies);
        var settings = new ProcessorSettings { Bucket = Bucket, Prefix = Prefix, Region = EmulatorCredentials.Region, Endpoint = Server.Endpoint };
        using (var mapping = LocalMapping.Create(settings, new DrainOptions { QueueUrl = queue, BatchSize = 10, UntilEmpty = true, WaitTime = TimeSpan.FromSeconds(1) }, Clients))
        {
            var summary = await mapping.DrainAsync();
            Assert.Equal(Good, summary.EventsAccepted);
        }

        LandedUntil = DateTimeOffset.UtcNow;

        // Left behind after the drain: one visible, one delayed in the ingest queue; three in the DLQ.
        await sqs.SendMessageAsync(queue, """{"event_id":"waiting"}""");
        await sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = queue, MessageBody = """{"event_id":"later"}""", DelaySeconds = 900 });
        await SendAsync(sqs, dlq, Enumerable.Range(0, DeadLettered).Select(i => $"poison {i}").ToList());

        // What CloudWatch would hold on AWS: an age datapoint for the ingest queue, and one firing alarm.
        await CliAsync("cloudwatch", "put-metric-data", "--namespace", "AWS/SQS", "--metric-name", "ApproximateAgeOfOldestMessage",
            "--dimensions", "QueueName=status-ingest", "--value", OldestAgeSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "--unit", "Seconds");
        await CliAsync("cloudwatch", "put-metric-alarm", "--alarm-name", AlarmName, "--namespace", "AWS/SQS",
            "--metric-name", "ApproximateNumberOfMessagesVisible", "--statistic", "Maximum", "--period", "60", "--evaluation-periods", "1",
            "--threshold", "0", "--comparison-operator", "GreaterThanThreshold");
        await CliAsync("cloudwatch", "set-alarm-state", "--alarm-name", AlarmName, "--state-value", "ALARM", "--state-reason", "3 messages in the DLQ");

        var collector = new StatusCollector(sqs, s3, new CloudWatchCli(CliEnvironment.ToDictionary(e => e.Key, e => (string?)e.Value)));
        Report = await collector.CollectAsync(new StatusRequest(queue, dlq, Bucket, Prefix, "123456789012.dkr.ecr.us-east-1.amazonaws.com/dp@sha256:abc123", 6, DateTimeOffset.UtcNow));
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private static async Task SendAsync(IAmazonSQS sqs, string queueUrl, IReadOnlyList<string> bodies)
    {
        foreach (var page in bodies.Select((body, i) => (body, i)).Chunk(10))
        {
            var response = await sqs.SendMessageBatchAsync(new SendMessageBatchRequest
            {
                QueueUrl = queueUrl,
                Entries = page.Select(m => new SendMessageBatchRequestEntry("m" + m.i, m.body)).ToList(),
            });
            Assert.True(response.Failed is null or { Count: 0 }, "moto refused a test message.");
        }
    }

    private async Task CliAsync(params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo("aws") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in CliEnvironment)
        {
            start.Environment[name] = value;
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"aws {string.Join(' ', arguments.Take(2))} failed on moto: {await errors}");
    }
}
