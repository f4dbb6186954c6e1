using System.Globalization;
using Amazon.SQS.Model;
using DataPlatform.Operations.Reconcile;
using DataPlatform.Operations.Replay;
using DataPlatform.Operations.Tests.Support;
using ParquetSharp;
using ParquetSharp.IO;

namespace DataPlatform.Operations.Tests.Replay;

[Collection(MotoLakeCollection.Name)]
public sealed class QuarantineReplayTests(MotoLake moto)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task Replay_after_a_fix_moves_the_quarantined_events_into_the_lake_and_a_second_replay_sends_nothing()
    {
        var (bucket, queueUrl, _) = await QuarantineAsync("replay");
        var today = moto.Settings(bucket);
        var sentLedger = new SendLedger(Path.Combine(Path.GetTempPath(), "dp-replay-ledger-" + Guid.NewGuid().ToString("N")));
        var replay = new QuarantineReplay(moto.S3, moto.Sqs, queueUrl, today, sentLedger);
        var selection = new ReplaySelection(Today.AddDays(-1), Today);

        var plan = await replay.PlanAsync(selection);

        // The body limit was raised since: the six events pass today; the two broken bodies would be refused again, for what is wrong with them now.
        Assert.Equal(8, plan.Selected);
        Assert.Equal(Ids(6), plan.ToSend.Select(r => EventId(r.Body)).Order(StringComparer.Ordinal));
        Assert.Equal(2, plan.StillRefused.Count);
        Assert.All(plan.StillRefused, r => Assert.Equal("the required field 'occurred_at' is missing", r.TodaysError));
        Assert.All(plan.StillRefused, r => Assert.Contains("64-byte limit", r.Record.Error, StringComparison.Ordinal));
        Assert.Empty(plan.AlreadyReplayed);

        var result = await replay.SendAsync(plan);

        Assert.Equal(6, result.Sent);
        var onQueue = await moto.ReceiveAllAsync(queueUrl);
        Assert.Equal(Bodies(6).Order(StringComparer.Ordinal), onQueue.Select(m => m.Body).Order(StringComparer.Ordinal));
        // The kit sent these messages, so Reconcile counts them as sent, by their new ids and their events.
        var ledgered = await sentLedger.ReadAsync(queueUrl, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Equal(onQueue.Select(m => m.MessageId).Order(StringComparer.Ordinal), ledgered.Select(m => m.MessageId).Order(StringComparer.Ordinal));
        Assert.Equal(Ids(6), ledgered.Select(m => m.EventId).Order(StringComparer.Ordinal));
        await moto.Sqs.ChangeMessageVisibilityBatchAsync(queueUrl,
            onQueue.Select((m, i) => new ChangeMessageVisibilityBatchRequestEntry(i.ToString(CultureInfo.InvariantCulture), m.ReceiptHandle) { VisibilityTimeout = 0 }).ToList());

        var drain = await moto.DrainAsync(today, queueUrl);
        Assert.Equal(6, drain.EventsAccepted);
        Assert.Equal(Ids(6), await LandedIdsAsync(bucket));

        var second = await replay.PlanAsync(selection);
        Assert.Empty(second.ToSend);
        Assert.Equal(6, second.AlreadyReplayed.Count);
        Assert.Equal(0, (await replay.SendAsync(second)).Sent);
        Assert.Equal(0, await moto.DepthAsync(queueUrl));
    }

    [Fact]
    public async Task Replay_chooses_by_reason_and_by_day()
    {
        var (bucket, queueUrl, _) = await QuarantineAsync("replay-pick", extraBroken: ["not json"]);
        var replay = new QuarantineReplay(moto.S3, moto.Sqs, queueUrl, moto.Settings(bucket));

        var bySize = await replay.PlanAsync(new ReplaySelection(Today, Today, Reason: "64-BYTE LIMIT"));
        var notJson = await replay.PlanAsync(new ReplaySelection(Today, Today, Reason: "not valid JSON"));
        var yesterday = await replay.PlanAsync(new ReplaySelection(Today.AddDays(-1), Today.AddDays(-1)));

        Assert.Equal(8, bySize.Selected);
        Assert.Equal(1, notJson.Selected);
        Assert.Equal(0, yesterday.Selected);
        var backwards = await Assert.ThrowsAsync<ArgumentException>(() => replay.PlanAsync(new ReplaySelection(Today, Today.AddDays(-1))));
        Assert.Contains("Give --from on or before --to", backwards.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_was_not_valid_utf8_is_read_back_with_its_exact_bytes()
    {
        var bucket = (await moto.CreateEnvironmentAsync("replay-bytes")).Bucket;
        // What the processor writes for such a body: the lossy text, and the exact bytes in base64.
        byte[] exact = [(byte)'{', 0xC3, 0x28, (byte)'}'];
        await PutQuarantineFileAsync(bucket, "m-1", "{\uFFFD(}", Convert.ToBase64String(exact));
        var replay = new QuarantineReplay(moto.S3, moto.Sqs, "unused", moto.Settings(bucket));

        var plan = await replay.PlanAsync(new ReplaySelection(Today, Today));

        var refused = Assert.Single(plan.StillRefused);
        Assert.Equal(exact, refused.Record.Body.ToArray());
        Assert.Empty(plan.ToSend);
    }

    /// <summary>
    /// Eight bodies of about 150 bytes (six valid events, two missing occurred_at) drained by the real
    /// processor with a 64-byte limit, so all eight land in quarantine for their size; plus any <paramref name="extraBroken"/>.
    /// </summary>
    private async Task<(string Bucket, string QueueUrl, string DlqUrl)> QuarantineAsync(string name, IReadOnlyList<string>? extraBroken = null)
    {
        var environment = await moto.CreateEnvironmentAsync(name);
        var broken = Enumerable.Range(0, 2).Select(i => $$"""{"event_type":"replay.broken","note":"{{new string('x', 120)}} {{i}}"}""");
        var bodies = Bodies(6).Concat(broken).Concat(extraBroken ?? []);
        await moto.SendAsync(environment.QueueUrl, bodies.Select((b, i) => new SendMessageBatchRequestEntry("b" + i.ToString(CultureInfo.InvariantCulture), b)));
        var summary = await moto.DrainAsync(moto.Settings(environment.Bucket) with { MaxBodyBytes = 64 }, environment.QueueUrl);
        Assert.Equal(8 + (extraBroken?.Count ?? 0), summary.EventsQuarantined);
        return environment;
    }

    /// <summary>Valid events whose bytes a re-encoding would change: escapes, accents, emoji, odd spacing.</summary>
    private static IEnumerable<string> Bodies(int count) => Enumerable.Range(0, count).Select(i =>
        $$$"""{"event_type":"replay.fixed", "occurred_at":"2024-05-01T12:00:00Z","event_id":"rp-{{{i}}}","payload":{"note":"café ✓ 🚀 \"{{{i}}}\"\u00e9","pad":"{{{new string('p', 60)}}}"}}""");

    private static IEnumerable<string> Ids(int count) => Enumerable.Range(0, count).Select(i => "rp-" + i.ToString(CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal);

    private static string EventId(ReadOnlyMemory<byte> body)
    {
        var text = System.Text.Encoding.UTF8.GetString(body.Span);
        var start = text.IndexOf("\"rp-", StringComparison.Ordinal) + 1;
        return text[start..text.IndexOf('"', start)];
    }

    private async Task<IEnumerable<string>> LandedIdsAsync(string bucket)
    {
        var ids = new List<string>();
        foreach (var key in await moto.KeysAsync(bucket, "events/event_type=replay.fixed/"))
        {
            using var stream = new MemoryStream(await moto.DownloadAsync(bucket, key));
            using var input = new ManagedRandomAccessFile(stream);
            using var file = new ParquetFileReader(input);
            using var group = file.RowGroup(0);
            using var column = group.Column(file.FileMetaData.Schema.ColumnIndex("event_id")).LogicalReader<string>();
            ids.AddRange(column.ReadAll(checked((int)group.MetaData.NumRows)));
        }

        return ids.Order(StringComparer.Ordinal);
    }

    /// <summary>A quarantine file in the processor's schema, written here only for a body SQS itself could never carry.</summary>
    private async Task PutQuarantineFileAsync(string bucket, string messageId, string body, string? base64)
    {
        using var stream = new MemoryStream();
        using (var output = new ManagedOutputStream(stream, leaveOpen: true))
        {
            Column[] columns =
            [
                new Column<string>("sqs_message_id"), new Column<string>("body"), new Column<string?>("body_base64"),
                new Column<string>("error"), new Column<int>("sqs_receive_count"), new Column<DateTime?>("sqs_sent_at"),
                new Column<DateTime>("quarantined_at"),
            ];
            using var writer = new ParquetFileWriter(output, columns);
            using var group = writer.AppendRowGroup();
            using (var w = group.NextColumn().LogicalWriter<string>()) { w.WriteBatch([messageId]); }
            using (var w = group.NextColumn().LogicalWriter<string>()) { w.WriteBatch([body]); }
            using (var w = group.NextColumn().LogicalWriter<string?>()) { w.WriteBatch([base64]); }
            using (var w = group.NextColumn().LogicalWriter<string>()) { w.WriteBatch(["the body is not valid UTF-8"]); }
            using (var w = group.NextColumn().LogicalWriter<int>()) { w.WriteBatch([1]); }
            using (var w = group.NextColumn().LogicalWriter<DateTime?>()) { w.WriteBatch([null]); }
            using (var w = group.NextColumn().LogicalWriter<DateTime>()) { w.WriteBatch([DateTime.UtcNow]); }
            writer.Close();
        }

        await moto.S3.PutObjectAsync(new Amazon.S3.Model.PutObjectRequest
        {
            BucketName = bucket,
            Key = $"quarantine/dt={Today:yyyy-MM-dd}/part-0.parquet",
            InputStream = new MemoryStream(stream.ToArray()),
        });
    }
}
