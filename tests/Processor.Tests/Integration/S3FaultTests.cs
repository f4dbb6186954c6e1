using DataPlatform.LocalRunner;
using DataPlatform.Processor.Lake;
using DataPlatform.Processor.Tests.Support;

namespace DataPlatform.Processor.Tests.Integration;

[Collection(MotoCollection.Name)]
public sealed class S3FaultTests(MotoFixture moto)
{
    [Fact]
    public async Task When_s3_puts_fail_part_of_the_time_every_event_still_lands_exactly_once_after_redelivery()
    {
        var bucket = await moto.CreateBucketAsync("lake-faults");
        var (queueUrl, dlqUrl) = await moto.CreateQueueAsync("events-faults", maxReceiveCount: 20);
        var valid = Enumerable.Range(0, 200).Select(SyntheticEvents.Valid).ToList();
        var broken = Enumerable.Range(0, 9).Select(SyntheticEvents.Broken).ToList();
        await moto.SendAsync(queueUrl, valid.Concat(broken).ToList());

        // Seeded, so a failure reproduces; 40% of PUTs (event and quarantine objects alike) are rejected.
        var random = new Random(20240501);
        var gate = new Lock();
        var store = new FailingLakeStore(new S3LakeStore(moto.S3, bucket), _ =>
        {
            lock (gate)
            {
                return random.NextDouble() < 0.4;
            }
        });

        var summary = await new LocalRunnerDrainTests(moto)
            .Drainer(bucket, queueUrl, store, batchSize: 40, failedVisibility: TimeSpan.Zero)
            .DrainAsync();

        Assert.True(store.Rejected > 0, "The fault injection never fired, so the test proved nothing.");
        Assert.True(summary.FailedDeliveries > 0);
        Assert.Equal(0, summary.Unresolved);
        Assert.Equal(DrainSummary.ExitSuccess, summary.ExitCode);
        Assert.Equal(0, await moto.CountMessagesAsync(queueUrl));
        Assert.Equal(0, await moto.CountMessagesAsync(dlqUrl));

        using var duck = DuckDbLake.FromObjects(await moto.DownloadAllAsync(bucket));
        Assert.Equal(200, duck.Scalar<long>($"SELECT count(*) FROM {duck.Events()}"));
        Assert.Equal(200, duck.Scalar<long>($"SELECT count(DISTINCT event_id) FROM {duck.Events()}"));
        Assert.Equal(9, duck.Scalar<long>($"SELECT count(DISTINCT sqs_message_id) FROM {duck.Quarantine()}"));
        Assert.True(duck.Scalar<long>($"SELECT max(sqs_receive_count) FROM {duck.Events()}") > 1,
            "Some events should have landed on a redelivery.");
    }

    [Fact]
    public async Task A_message_that_can_never_be_written_ends_in_the_dlq_and_the_runner_exits_with_unresolved_failures()
    {
        var bucket = await moto.CreateBucketAsync("lake-poison");
        var (queueUrl, dlqUrl) = await moto.CreateQueueAsync("events-poison", maxReceiveCount: 2);
        await moto.SendAsync(queueUrl, [SyntheticEvents.Valid(0), SyntheticEvents.Valid(1)]);
        var blocked = $"event_type={SyntheticEvents.Types[1]}/";
        var store = new FailingLakeStore(new S3LakeStore(moto.S3, bucket), key => key.Contains(blocked, StringComparison.Ordinal));

        var summary = await new LocalRunnerDrainTests(moto)
            .Drainer(bucket, queueUrl, store, batchSize: 10, failedVisibility: TimeSpan.Zero)
            .DrainAsync();

        Assert.Equal(1, summary.Unresolved);
        Assert.Equal(DrainSummary.ExitUnresolvedFailures, summary.ExitCode);
        Assert.Equal(2, summary.FailedDeliveries);
        Assert.Equal(0, await moto.CountMessagesAsync(queueUrl));
        Assert.Equal(1, await moto.CountMessagesAsync(dlqUrl));
    }
}
