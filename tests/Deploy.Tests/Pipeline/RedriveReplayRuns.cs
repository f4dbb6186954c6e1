using System.Globalization;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS;
using Amazon.SQS.Model;
using DataPlatform.Aws;
using DataPlatform.Emulator;
using DataPlatform.LocalRunner;
using DataPlatform.Processor.Configuration;
using ParquetSharp;
using ParquetSharp.IO;

namespace DataPlatform.Deploy.Tests.Pipeline;

/// <summary>
/// Redrive and Replay through the real ./build.sh on the lifecycle's deployed local environment, with
/// events of this run's own types, so that other tests sharing the environment change nothing here.
/// Redrive: four events put straight into the DLQ. Replay: four events quarantined for their size by
/// the real processor with a 64-byte limit (drained from a queue of this run's own into the deployed
/// lake), then replayed under the deployed limit. Drain lands both; a second Replay must send nothing.
/// </summary>
public sealed class RedriveReplayRuns
{
    public const string ReplayReason = "64-byte limit";

    private const int Count = 4;

    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    public string RedriveType => $"e2e.redrive.{_run}";

    public string ReplayType => $"e2e.replay.{_run}";

    public IReadOnlyList<string> RedriveIds => Ids("rd");

    public IReadOnlyList<string> ReplayIds => Ids("rp");

    public BuildShResult Redrive { get; private set; } = null!;

    public BuildShResult Replay { get; private set; } = null!;

    public BuildShResult Drain { get; private set; } = null!;

    public BuildShResult SecondReplay { get; private set; } = null!;

    public long DeadLettersAfterRedrive { get; private set; }

    public int Quarantined { get; private set; }

    public IReadOnlyList<string> LandedRedriveIds { get; private set; } = [];

    public IReadOnlyList<string> LandedReplayIds { get; private set; } = [];

    /// <param name="caller">The emulator's administrator: the tests' own sends and reads (the dummy keys are refused).</param>
    public static async Task<RedriveReplayRuns> RunAsync(string outputsFile, Func<string[], Task<BuildShResult>> build, Func<Uri, AwsClients> caller)
    {
        var runs = new RedriveReplayRuns();
        var deployed = DeployedProcessor.FromOutputsFile(outputsFile);
        var endpoint = new Uri(deployed.EndpointUrl ?? throw new InvalidOperationException($"{outputsFile} has no aws_endpoint_url: the local deploy did not finish."));
        var region = deployed.Region ?? EmulatorCredentials.Region;
        var clients = caller(endpoint);
        var settings = deployed.Settings(new Dictionary<string, string?>
        {
            [ProcessorSettings.RegionVariable] = region,
            [ProcessorSettings.EndpointVariable] = endpoint.ToString(),
        });
        using var sqs = clients.CreateSqs();
        using var s3 = clients.CreateS3();
        var outputs = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(outputsFile))!;

        await SendAsync(sqs, outputs["dead_letter_queue_url"], runs.Bodies(runs.RedriveType, runs.RedriveIds));
        runs.Redrive = await build(["--target=Redrive"]);
        runs.DeadLettersAfterRedrive = await DepthAsync(sqs, outputs["dead_letter_queue_url"]);

        runs.Quarantined = await runs.QuarantineAsync(sqs, clients, settings);
        runs.Replay = await build(["--target=Replay", "--from=yesterday", $"--reason={ReplayReason}"]);
        runs.Drain = await build(["--target=Drain"]);
        runs.SecondReplay = await build(["--target=Replay", "--from=yesterday", $"--reason={ReplayReason}"]);

        runs.LandedRedriveIds = await LandedIdsAsync(s3, settings, runs.RedriveType);
        runs.LandedReplayIds = await LandedIdsAsync(s3, settings, runs.ReplayType);
        BuildSh.WriteFigures("Deploy.Tests.redrive-replay.txt",
            $"redrive {runs.Redrive.Duration.TotalSeconds:0.0} s, replay {runs.Replay.Duration.TotalSeconds:0.0} s, drain {runs.Drain.Duration.TotalSeconds:0.0} s, " +
            $"second replay {runs.SecondReplay.Duration.TotalSeconds:0.0} s");
        return runs;
    }

    private IReadOnlyList<string> Ids(string kind) =>
        Enumerable.Range(0, Count).Select(i => $"{kind}-{_run}-{i.ToString(CultureInfo.InvariantCulture)}").ToList();

    /// <summary>Valid events of about 150 bytes (over a 64-byte limit, well under the deployed one).</summary>
    private List<string> Bodies(string eventType, IEnumerable<string> ids) =>
        ids.Select(id => $$$"""{"event_type":"{{{eventType}}}","occurred_at":"2024-05-01T12:00:00Z","event_id":"{{{id}}}","payload":{"note":"café ✓ {{{new string('p', 40)}}}"}}""").ToList();

    /// <summary>The real processor, run with a 64-byte limit over a queue of this run's own, writes the bodies into the deployed lake's quarantine.</summary>
    private async Task<int> QuarantineAsync(IAmazonSQS sqs, AwsClients clients, ProcessorSettings deployed)
    {
        var queueUrl = (await sqs.CreateQueueAsync($"e2e-replay-{_run}")).QueueUrl;
        try
        {
            await SendAsync(sqs, queueUrl, Bodies(ReplayType, ReplayIds));
            var options = new DrainOptions { QueueUrl = queueUrl, UntilEmpty = true, WaitTime = TimeSpan.FromSeconds(1), Timeout = TimeSpan.FromMinutes(2) };
            using var mapping = LocalMapping.Create(deployed with { MaxBodyBytes = 64 }, options, clients);
            return (await mapping.DrainAsync()).EventsQuarantined;
        }
        finally
        {
            // Destroy's test checks that the emulator is left empty: this queue is not the stacks'.
            await sqs.DeleteQueueAsync(queueUrl);
        }
    }

    private static async Task SendAsync(IAmazonSQS sqs, string queueUrl, IReadOnlyList<string> bodies)
    {
        var response = await sqs.SendMessageBatchAsync(queueUrl,
            bodies.Select((b, i) => new SendMessageBatchRequestEntry("m" + i.ToString(CultureInfo.InvariantCulture), b)).ToList());
        if (response.Failed is { Count: > 0 })
        {
            throw new InvalidOperationException($"The emulator refused a test message: {response.Failed[0].Message}");
        }
    }

    private static async Task<long> DepthAsync(IAmazonSQS sqs, string queueUrl)
    {
        var attributes = await sqs.GetQueueAttributesAsync(queueUrl, ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]);
        return (long)attributes.ApproximateNumberOfMessages + attributes.ApproximateNumberOfMessagesNotVisible;
    }

    private static async Task<IReadOnlyList<string>> LandedIdsAsync(IAmazonS3 s3, ProcessorSettings settings, string eventType)
    {
        var ids = new List<string>();
        var listing = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = settings.Bucket, Prefix = $"{settings.Prefix}events/event_type={eventType}/" });
        foreach (var item in listing.S3Objects ?? [])
        {
            using var response = await s3.GetObjectAsync(settings.Bucket, item.Key);
            using var content = new MemoryStream();
            await response.ResponseStream.CopyToAsync(content);
            content.Position = 0;
            using var input = new ManagedRandomAccessFile(content);
            using var file = new ParquetFileReader(input);
            for (var g = 0; g < file.FileMetaData.NumRowGroups; g++)
            {
                using var group = file.RowGroup(g);
                using var column = group.Column(file.FileMetaData.Schema.ColumnIndex("event_id")).LogicalReader<string>();
                ids.AddRange(column.ReadAll(checked((int)group.MetaData.NumRows)));
            }
        }

        return ids.Order(StringComparer.Ordinal).ToList();
    }
}
