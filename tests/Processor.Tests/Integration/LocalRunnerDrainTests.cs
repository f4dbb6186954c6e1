using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS.Model;
using DataPlatform.LocalRunner;
using DataPlatform.Processor.Lake;
using DataPlatform.Processor.Telemetry;
using DataPlatform.Processor.Tests.Support;

namespace DataPlatform.Processor.Tests.Integration;

[Collection(MotoCollection.Name)]
public sealed class LocalRunnerDrainTests(MotoFixture moto)
{
    [Fact]
    public async Task Draining_a_queue_lands_every_valid_event_exactly_once_and_quarantines_the_rest()
    {
        var bucket = await moto.CreateBucketAsync("lake-drain");
        var (queueUrl, dlqUrl) = await moto.CreateQueueAsync("events-drain");
        var valid = Enumerable.Range(0, 240).Select(SyntheticEvents.Valid).ToList();
        var broken = Enumerable.Range(0, 12).Select(SyntheticEvents.Broken).ToList();
        await moto.SendAsync(queueUrl, valid.Concat(broken).ToList());

        var summary = await Drainer(bucket, queueUrl, new S3LakeStore(moto.S3, bucket), batchSize: 100).DrainAsync();

        Assert.Equal(DrainSummary.ExitSuccess, summary.ExitCode);
        Assert.Equal(252, summary.Received);
        Assert.Equal(252, summary.Deleted);
        Assert.Equal(240, summary.EventsAccepted);
        Assert.Equal(12, summary.EventsQuarantined);
        Assert.Equal(0, summary.FailedDeliveries);
        Assert.Equal(0, await moto.CountMessagesAsync(queueUrl));
        Assert.Equal(0, await moto.CountMessagesAsync(dlqUrl));

        var objects = await moto.DownloadAllAsync(bucket);
        Assert.All(objects.Keys, key => Assert.Matches(
            @"^(events/event_type=[a-z._]+/dt=\d{4}-\d{2}-\d{2}/hour=\d{2}|quarantine/dt=\d{4}-\d{2}-\d{2})/part-[0-9a-f]{32}\.parquet$", key));

        // Parquet.Net's view.
        var ids = new List<string>();
        foreach (var (key, bytes) in objects.Where(o => o.Key.StartsWith("events/", StringComparison.Ordinal)))
        {
            var rows = await ParquetRows.ReadAsync(bytes);
            Assert.All(rows, row => Assert.Contains($"event_type={row["event_type"]}/", key, StringComparison.Ordinal));
            ids.AddRange(rows.Select(r => (string)r["event_id"]!));
        }

        Assert.Equal(valid.Count, ids.Count);
        Assert.Equal(Enumerable.Range(0, 240).Select(i => $"ev-{i:D6}"), ids.Order(StringComparer.Ordinal));

        // DuckDB's view, as a query engine sees the lake.
        using var duck = DuckDbLake.FromObjects(objects);
        Assert.Equal(240, duck.Scalar<long>($"SELECT count(*) FROM {duck.Events()}"));
        Assert.Equal(240, duck.Scalar<long>($"SELECT count(DISTINCT event_id) FROM {duck.Events()}"));
        Assert.Equal(6, duck.Scalar<long>($"SELECT count(DISTINCT event_type) FROM {duck.Events()}"));
        Assert.Equal(80, duck.Scalar<long>($"SELECT count(*) FROM {duck.Events()} WHERE json_extract_string(attributes, '$.tenant') = 't0'"));
        Assert.Equal("item \"7\"", duck.Scalar<string>($"SELECT json_extract_string(payload, '$.note') FROM {duck.Events()} WHERE event_id = 'ev-000007'"));
        Assert.Equal(12, duck.Scalar<long>($"SELECT count(*) FROM {duck.Quarantine()}"));
        Assert.Equal(0, duck.Scalar<long>($"SELECT count(*) FROM {duck.Quarantine()} WHERE error IS NULL OR body IS NULL"));
    }

    [Fact]
    public async Task Without_a_kms_key_objects_are_written_aes256_with_a_sha256_checksum()
    {
        var bucket = await moto.CreateBucketAsync("lake-sse");
        var (queueUrl, _) = await moto.CreateQueueAsync("events-sse");
        await moto.SendAsync(queueUrl, [SyntheticEvents.Valid(1), SyntheticEvents.Broken(0)]);

        await Drainer(bucket, queueUrl, new S3LakeStore(moto.S3, bucket)).DrainAsync();

        var listing = await moto.S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket });
        Assert.Equal(2, listing.S3Objects.Count);
        foreach (var item in listing.S3Objects)
        {
            var head = await moto.S3.GetObjectMetadataAsync(new GetObjectMetadataRequest
            {
                BucketName = bucket,
                Key = item.Key,
                ChecksumMode = ChecksumMode.ENABLED,
            });
            Assert.Equal(ServerSideEncryptionMethod.AES256, head.ServerSideEncryptionMethod);
            Assert.False(string.IsNullOrEmpty(head.ChecksumSHA256), $"{item.Key} has no SHA-256 checksum.");
            Assert.Equal(S3LakeStore.ParquetContentType, head.Headers.ContentType);
        }
    }

    [Theory]
    [InlineData(10, 20)]
    // Several receives are in flight while a batch gathers (10 + 10 + 5 here): together they must not ask for more.
    [InlineData(100, 25)]
    public async Task Max_messages_stops_the_drain_after_that_many_and_leaves_the_rest_queued(int batchSize, int maxMessages)
    {
        var bucket = await moto.CreateBucketAsync($"lake-max-{batchSize}");
        var (queueUrl, _) = await moto.CreateQueueAsync($"events-max-{batchSize}");
        await moto.SendAsync(queueUrl, Enumerable.Range(0, maxMessages + 10).Select(SyntheticEvents.Valid).ToList());

        var summary = await Drainer(bucket, queueUrl, new S3LakeStore(moto.S3, bucket), batchSize, maxMessages).DrainAsync();

        Assert.Equal(maxMessages, summary.Received);
        Assert.Equal(maxMessages, summary.Deleted);
        Assert.Equal(10, await moto.CountMessagesAsync(queueUrl));
    }

    [Fact]
    public async Task The_local_mapping_wires_a_drainer_with_explicit_credentials_for_in_process_callers()
    {
        var bucket = await moto.CreateBucketAsync("lake-host");
        var (queueUrl, _) = await moto.CreateQueueAsync("events-host");
        await moto.SendAsync(queueUrl, Enumerable.Range(0, 15).Select(SyntheticEvents.Valid).ToList());
        var progress = new StringWriter();

        using (var mapping = LocalMapping.Create(
            moto.Settings(bucket),
            new DrainOptions { QueueUrl = queueUrl, BatchSize = 10, UntilEmpty = true, WaitTime = TimeSpan.FromSeconds(1) },
            moto.Clients,
            progress))
        {
            var summary = await mapping.DrainAsync();

            Assert.Equal(15, summary.Deleted);
            Assert.Equal(15, summary.EventsAccepted);
            Assert.Equal(2, summary.Batches);
        }

        Assert.Contains("batch 2:", progress.ToString(), StringComparison.Ordinal);
        // Two batches: ten messages cover all six types, the next five cover five.
        Assert.Equal(11, (await moto.DownloadAllAsync(bucket)).Count);
    }

    [Fact]
    public async Task A_drain_that_waits_for_in_flight_messages_says_so_and_takes_them_when_they_come_back()
    {
        var bucket = await moto.CreateBucketAsync("lake-in-flight");
        var (queueUrl, _) = await moto.CreateQueueAsync("events-in-flight");
        await moto.SendAsync(queueUrl, [SyntheticEvents.Valid(1)]);
        // Another consumer holds the only message for 2 s and lets it go without deleting it.
        var held = await moto.Sqs.ReceiveMessageAsync(new ReceiveMessageRequest(queueUrl) { VisibilityTimeout = 2 });
        Assert.Single(held.Messages);
        var progress = new StringWriter();

        var summary = await Drainer(bucket, queueUrl, new S3LakeStore(moto.S3, bucket), progress: progress).DrainAsync();

        Assert.Equal(1, summary.Deleted);
        Assert.Equal(1, summary.EventsAccepted);
        var notices = progress.ToString().Split('\n').Where(l => l.StartsWith("No visible messages", StringComparison.Ordinal)).ToList();
        // Said once, not once per poll.
        Assert.Equal("No visible messages, but 1 in flight and 0 delayed: waiting for them to be deleted by whoever holds them " +
            "or to come back after the queue's visibility timeout (the drain's timeout bounds the wait).", Assert.Single(notices).TrimEnd('\r'));
    }

    internal QueueDrainer Drainer(string bucket, string queueUrl, ILakeStore store, int batchSize = 10, int? maxMessages = null,
        TimeSpan? failedVisibility = null, TextWriter? progress = null) =>
        new(moto.Sqs,
            new BatchProcessor(moto.Settings(bucket), store, new JsonLog(TextWriter.Null, Processor.Configuration.LogLevel.Information)),
            new DrainOptions
            {
                QueueUrl = queueUrl,
                BatchSize = batchSize,
                UntilEmpty = maxMessages is null,
                MaxMessages = maxMessages,
                WaitTime = TimeSpan.FromSeconds(1),
                FailedVisibilityTimeout = failedVisibility,
                Timeout = TimeSpan.FromMinutes(2),
            },
            progress);
}
