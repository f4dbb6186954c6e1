using Amazon.SQS.Model;
using DataPlatform.Compaction;
using DataPlatform.Operations.Query;
using DataPlatform.Operations.Reconcile;
using DataPlatform.Operations.Tests.Support;

namespace DataPlatform.Operations.Tests.Reconcile;

[Collection(MotoLakeCollection.Name)]
public sealed class ReconcilerTests(MotoLake moto)
{
    [Fact]
    public async Task A_message_deleted_from_the_queue_before_processing_is_listed_by_id_and_counted_lost()
    {
        var lake = await moto.CreateAsync("reconcile-deleted");
        var ledger = SendLedger.ForEnvironment(lake.StateDirectory);
        var window = ReconcileWindow.LastHour(DateTimeOffset.UtcNow.AddMinutes(1));
        var bodies = Enumerable.Range(0, 18).Select(i => TestEvents.Valid("del", i)).Concat([TestEvents.Broken(1), TestEvents.Broken(2)]).ToList();
        var sent = await new LedgeredSender(moto.Sqs, ledger).SendAsync(lake.QueueUrl, bodies);
        // Somebody takes one message off the queue and deletes it before the processor sees it.
        var taken = Assert.Single((await moto.Sqs.ReceiveMessageAsync(new ReceiveMessageRequest(lake.QueueUrl) { MaxNumberOfMessages = 1 })).Messages);
        await moto.Sqs.DeleteMessageAsync(lake.QueueUrl, taken.ReceiptHandle);
        await moto.DrainAsync(lake);

        var report = await Reconciler(lake).RunAsync(window, ledger, cloudWatchSent: null);

        Assert.Equal(SentSource.Ledger, report.Source);
        Assert.Equal(20, report.Sent);
        var lost = Assert.Single(report.MissingMessages);
        Assert.Equal(taken.MessageId, lost.MessageId);
        Assert.Equal(sent.Single(s => s.MessageId == taken.MessageId).EventId, lost.EventId);
        Assert.Equal(1, report.Missing);
        Assert.Equal(1, report.Lost);
        Assert.True(report.QueuesEmpty);
        Assert.Equal(19, report.Landed + report.Quarantined);
        Assert.Equal(bodies.Take(18).Contains(taken.Body) ? 2 : 1, report.Quarantined);
        Assert.Equal(0, report.Unledgered);
    }

    [Fact]
    public async Task Messages_still_on_the_queue_are_missing_from_the_lake_but_not_lost()
    {
        var lake = await moto.CreateAsync("reconcile-waiting");
        var ledger = SendLedger.ForEnvironment(lake.StateDirectory);
        await new LedgeredSender(moto.Sqs, ledger).SendAsync(lake.QueueUrl, [.. Enumerable.Range(0, 4).Select(i => TestEvents.Valid("wait", i))]);

        var report = await Reconciler(lake).RunAsync(ReconcileWindow.LastHour(DateTimeOffset.UtcNow.AddMinutes(1)), ledger, cloudWatchSent: null);

        Assert.Equal(4, report.Missing);
        Assert.Equal(4, report.MissingMessages.Count);
        Assert.Equal(4, report.Queue.Visible);
        Assert.Equal(0, report.Lost);
        Assert.False(report.QueuesEmpty);
    }

    [Fact]
    public async Task Without_a_ledger_a_cloudwatch_count_is_compared_with_what_landed_in_the_window_by_sqs_sent_time()
    {
        var lake = await moto.CreateAsync("reconcile-cloudwatch");
        var bodies = Enumerable.Range(0, 5).Select(i => TestEvents.Valid("cw", i)).Append(TestEvents.Broken(0)).ToList();
        foreach (var body in bodies)
        {
            await moto.Sqs.SendMessageAsync(lake.QueueUrl, body);
        }

        await moto.DrainAsync(lake);
        var now = DateTimeOffset.UtcNow.AddMinutes(1);

        var inWindow = await Reconciler(lake).RunAsync(ReconcileWindow.LastHour(now), ledger: null, cloudWatchSent: 8);
        var before = await Reconciler(lake).RunAsync(new ReconcileWindow(now.AddHours(-5), now.AddHours(-4)), ledger: null, cloudWatchSent: 0);

        Assert.Equal(SentSource.CloudWatch, inWindow.Source);
        Assert.Equal(5, inWindow.Landed);
        Assert.Equal(1, inWindow.Quarantined);
        Assert.Equal(2, inWindow.Missing);
        Assert.Empty(inWindow.MissingMessages);
        Assert.Equal(0, before.Landed);
        Assert.Equal(0, before.Quarantined);
    }

    [Fact]
    public async Task Without_a_ledger_or_a_count_sent_is_unknown_and_nothing_is_called_missing()
    {
        var lake = await moto.CreateAsync("reconcile-unknown");

        var report = await Reconciler(lake).RunAsync(ReconcileWindow.LastHour(DateTimeOffset.UtcNow), SendLedger.ForEnvironment(lake.StateDirectory), null);

        Assert.Equal(SentSource.Unknown, report.Source);
        Assert.Null(report.Missing);
        Assert.Null(report.Lost);
    }

    [Fact]
    public async Task After_compaction_deleted_the_raw_files_every_ledgered_message_is_still_landed_a_dropped_duplicate_through_its_kept_copy()
    {
        var lake = await moto.CreateAsync("reconcile-compacted");
        var ledger = SendLedger.ForEnvironment(lake.StateDirectory);
        var sender = new LedgeredSender(moto.Sqs, ledger);
        var bodies = Enumerable.Range(0, 6).Select(i => TestEvents.Valid("cmp", i)).ToList();
        await sender.SendAsync(lake.QueueUrl, bodies);
        await moto.DrainAsync(lake);
        // The producer sends one event again (a retry after a timeout): a second message, the same event_id.
        await sender.SendAsync(lake.QueueUrl, [bodies[2]]);
        await moto.DrainAsync(lake);
        var compaction = new CompactionRun(moto.S3, new CompactionSettings { Bucket = lake.Bucket });
        var compactedAt = DateTime.UtcNow.AddHours(3);
        await compaction.RunAsync(compactedAt, null, null, CancellationToken.None);
        var deletion = await compaction.RunAsync(compactedAt.AddHours(7), null, null, CancellationToken.None);
        Assert.True(deletion.RawFilesDeleted > 0, "The compaction deleted no raw files, so the test would prove nothing.");
        Assert.Empty(await moto.KeysAsync(lake.Bucket, "events/"));

        var report = await Reconciler(lake).RunAsync(ReconcileWindow.LastHour(DateTimeOffset.UtcNow.AddMinutes(1)), ledger, cloudWatchSent: null);

        Assert.Equal(7, report.Sent);
        Assert.Equal(7, report.Landed);
        Assert.Equal(1, report.LandedAsAnotherCopy);
        Assert.Equal(0, report.Missing);
        Assert.Equal(0, report.Lost);
        Assert.Empty(report.MissingMessages);
        Assert.Equal(0, report.Unledgered);
    }

    private Reconciler Reconciler(LakeUnderTest lake) =>
        new(moto.Sqs, new LakeMirror(moto.S3, lake.Bucket, "", lake.CacheDirectory), lake.QueueUrl, lake.DeadLetterQueueUrl);
}
