using System.Globalization;
using Amazon.Runtime;
using DataPlatform.Aws;
using DataPlatform.Emulator;
using DataPlatform.LocalRunner;
using DataPlatform.Processor.Configuration;
using DataPlatform.Processor.Telemetry;

namespace DataPlatform.Processor.Tests.Integration.Access;

/// <summary>
/// The processor running as its role: the local runner's drain (the event source mapping's part, done
/// with the role as Lambda does) over the real processor wiring, and the log shipping Lambda's runtime
/// does with the role. Each step reports how it failed instead of throwing, so a test can name it.
/// </summary>
public sealed class ProcessorSession(ProcessorRoleFixture fixture, SessionAWSCredentials credentials)
{
    public AWSCredentials Credentials { get; } = credentials;

    /// <summary>SDK clients signed with the role's session, retries off so a denial surfaces at once.</summary>
    public AwsClients Clients { get; } = new(new AwsEndpoint { Region = EmulatorCredentials.Region, ServiceUrl = fixture.Moto.Endpoint, Credentials = credentials }, retries: 0);

    public AwsCliAs Cli
    {
        get
        {
            var keys = Credentials.GetCredentials();
            return new AwsCliAs(fixture.Moto.Endpoint, keys.AccessKey, keys.SecretKey, keys.Token);
        }
    }

    /// <summary>
    /// Drains <paramref name="messages"/> messages through the processor as deployed (LAKE_KMS_KEY_ARN
    /// set: SSE-KMS with the lake's key). The step that failed, and how; null when every message was
    /// written and deleted.
    /// </summary>
    public async Task<(string Step, string Error)?> DrainAsync(int messages)
    {
        var settings = new ProcessorSettings
        {
            Bucket = ProcessorRoleFixture.LakeBucket,
            Region = EmulatorCredentials.Region,
            Endpoint = fixture.Moto.Endpoint,
            KmsKeyArn = fixture.KeyArn,
        };
        var log = new StringWriter(CultureInfo.InvariantCulture);
        using var host = ProcessorHost.Create(settings, Clients, new JsonLog(log, LogLevel.Information));
        using var sqs = Clients.CreateSqs();
        var drainer = new QueueDrainer(sqs, host.Processor, new DrainOptions
        {
            QueueUrl = fixture.QueueUrl,
            MaxMessages = messages,
            WaitTime = TimeSpan.FromSeconds(1),
            Timeout = TimeSpan.FromSeconds(60),
        });

        DrainSummary summary;
        try
        {
            summary = await drainer.DrainAsync();
        }
        catch (AmazonServiceException exception)
        {
            return (DrainStep(exception), $"{exception.ErrorCode}: {exception.Message}");
        }

        if (summary.FailedDeliveries > 0 || summary.EventsAccepted + summary.EventsQuarantined < messages)
        {
            var denial = log.ToString().Split('\n').FirstOrDefault(line => line.Contains("AccessDenied", StringComparison.Ordinal) || line.Contains("Access Denied", StringComparison.Ordinal));
            return ("processor: write the batch to the lake (messages left for redelivery)", (denial ?? $"{summary}\n{log}").Trim());
        }

        return summary.Deleted < messages ? ("drain: delete the processed messages", $"{messages - summary.Deleted} not deleted") : null;
    }

    /// <summary>
    /// What Lambda's runtime does with the role for the function's output: a stream in the function's
    /// log group, and the events put into it. The local runner writes to stdout and never calls
    /// CloudWatch Logs, so the test plays this part; it is the only proof of the logs actions here.
    /// </summary>
    public (string Step, string Error)? ShipLogs()
    {
        var stream = $"{DateTime.UtcNow:yyyy/MM/dd}/[$LATEST]{Guid.NewGuid():N}";
        var created = Cli.Try("logs", "create-log-stream", "--log-group-name", ProcessorRoleFixture.LogGroup, "--log-stream-name", stream);
        if (!created.Succeeded)
        {
            return ("Lambda: create the invocation's log stream", created.Error);
        }

        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var put = Cli.Try("logs", "put-log-events", "--log-group-name", ProcessorRoleFixture.LogGroup, "--log-stream-name", stream,
            "--log-events", $"timestamp={timestamp},message=batch processed");
        return put.Succeeded ? null : ("Lambda: put the function's output into the stream", put.Error);
    }

    /// <summary>Where in the drain an AWS call was refused, read from the runner's own frames.</summary>
    private static string DrainStep(Exception exception)
    {
        var trace = exception.StackTrace ?? "";
        return trace.Contains("QueueArnAsync", StringComparison.Ordinal) ? "drain: read the queue's ARN at start"
            : trace.Contains("GatherAsync", StringComparison.Ordinal) ? "drain: receive a batch"
            : trace.Contains("DeleteAsync", StringComparison.Ordinal) ? "drain: delete the processed messages"
            : "drain";
    }
}
