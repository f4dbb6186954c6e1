using System.Text.RegularExpressions;
using DataPlatform.LocalRunner;
using DataPlatform.Processor.Tests.Support;

namespace DataPlatform.Processor.Tests.Integration;

/// <summary>The build's drain path: the deployed mapping read back from outputs, played by <see cref="LocalMapping"/>.</summary>
[Collection(MotoCollection.Name)]
public sealed partial class DeployedMappingDrainTests(MotoFixture moto)
{
    [Fact]
    public async Task A_drain_from_deployed_outputs_never_gathers_more_than_the_mapping_s_batch_size()
    {
        var bucket = await moto.CreateBucketAsync("lake-mapping-7");
        var (queueUrl, _) = await moto.CreateQueueAsync("events-mapping-7");
        await moto.SendAsync(queueUrl, Enumerable.Range(0, 40).Select(SyntheticEvents.Valid).ToList());
        using var outputs = new DeployedOutputs(bucket, queueUrl, moto.Endpoint, batchSize: 7, maximumConcurrency: 3);
        var deployed = DeployedProcessor.FromOutputsFile(outputs.Path);
        var progress = new StringWriter();

        using var mapping = LocalMapping.Create(
            deployed.Settings(new Dictionary<string, string?>()),
            deployed.DrainOptions(queueUrl) with { UntilEmpty = true, WaitTime = TimeSpan.FromSeconds(1), Timeout = TimeSpan.FromMinutes(2) },
            moto.Clients,
            progress);
        var summary = await mapping.DrainAsync();

        var batches = BatchLine().Matches(progress.ToString()).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(DrainSummary.ExitSuccess, summary.ExitCode);
        Assert.Equal(40, summary.Deleted);
        Assert.Equal(40, summary.EventsAccepted);
        Assert.Equal(summary.Batches, batches.Count);
        Assert.All(batches, size => Assert.InRange(size, 1, 7));
        Assert.True(summary.Batches >= 6, $"40 messages in batches of at most 7 take at least 6 batches, not {summary.Batches}.");
        Assert.Equal(0, await moto.CountMessagesAsync(queueUrl));
    }

    [Fact]
    public async Task Concurrent_invocations_land_every_event_exactly_once()
    {
        var bucket = await moto.CreateBucketAsync("lake-concurrent");
        var (queueUrl, dlqUrl) = await moto.CreateQueueAsync("events-concurrent");
        var valid = Enumerable.Range(0, 120).Select(SyntheticEvents.Valid).ToList();
        var broken = Enumerable.Range(0, 6).Select(SyntheticEvents.Broken).ToList();
        await moto.SendAsync(queueUrl, valid.Concat(broken).ToList());

        using var mapping = LocalMapping.Create(moto.Settings(bucket),
            new DrainOptions { QueueUrl = queueUrl, BatchSize = 10, Concurrency = 4, UntilEmpty = true, WaitTime = TimeSpan.FromSeconds(1) },
            moto.Clients);
        var summary = await mapping.DrainAsync();

        Assert.Equal(126, summary.Received);
        Assert.Equal(126, summary.Deleted);
        Assert.Equal(120, summary.EventsAccepted);
        Assert.Equal(6, summary.EventsQuarantined);
        Assert.Equal(0, await moto.CountMessagesAsync(queueUrl));
        Assert.Equal(0, await moto.CountMessagesAsync(dlqUrl));
        using var duck = DuckDbLake.FromObjects(await moto.DownloadAllAsync(bucket));
        Assert.Equal(120, duck.Scalar<long>($"SELECT count(DISTINCT event_id) FROM {duck.Events()}"));
        Assert.Equal(120, duck.Scalar<long>($"SELECT count(*) FROM {duck.Events()}"));
    }

    [GeneratedRegex(@"^batch \d+: (\d+) messages", RegexOptions.Multiline)]
    private static partial Regex BatchLine();
}
