using System.Globalization;
using System.Text;
using Amazon.SQS.Model;
using DataPlatform.Operations.Redrive;
using DataPlatform.Operations.Tests.Support;

namespace DataPlatform.Operations.Tests.Redrive;

[Collection(MotoLakeCollection.Name)]
public sealed class DeadLetterRedriveTests(MotoLake moto)
{
    [Fact]
    public async Task Redrive_moves_exactly_the_dead_letter_queues_messages_with_their_bodies_and_attributes_and_leaves_it_empty()
    {
        var (_, queueUrl, dlqUrl) = await moto.CreateEnvironmentAsync("redrive");
        var sent = Messages(25);
        await moto.SendAsync(dlqUrl, sent);
        var progress = new List<RedriveProgress>();

        var result = await new DeadLetterRedrive(moto.Sqs, new RedriveOptions { DeadLetterQueueUrl = dlqUrl, IngestQueueUrl = queueUrl })
            .RunAsync(new SynchronousProgress<RedriveProgress>(progress.Add));

        // moto has no message-move task: the fallback ran, and says why.
        Assert.Equal(RedriveMethod.ReceiveSendDelete, result.Method);
        Assert.Contains("StartMessageMoveTask", result.FallbackReason, StringComparison.Ordinal);
        Assert.Equal(25, result.Moved);
        Assert.Equal(0, await moto.DepthAsync(dlqUrl));
        Assert.Equal(new RedriveProgress(25, 25), progress[^1]);

        var arrived = await moto.ReceiveAllAsync(queueUrl);
        Assert.Equal(Fingerprints(sent), arrived.Select(Fingerprint).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_interruption_between_send_and_delete_duplicates_but_loses_nothing()
    {
        var (_, queueUrl, dlqUrl) = await moto.CreateEnvironmentAsync("redrive-cut");
        var sent = Messages(15);
        await moto.SendAsync(dlqUrl, sent);
        var options = new RedriveOptions { DeadLetterQueueUrl = dlqUrl, IngestQueueUrl = queueUrl, VisibilityTimeout = TimeSpan.FromSeconds(1) };
        using var interrupt = new CancellationTokenSource();
        IReadOnlyList<Message> cut = [];

        // Stopped like a Ctrl+C right after the first batch reached the ingest queue, before its delete.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new DeadLetterRedrive(moto.Sqs, options) { AfterSend = batch => { cut = batch; interrupt.Cancel(); } }.RunAsync(cancellationToken: interrupt.Token));
        Assert.Equal(10, cut.Count);
        Assert.Equal(15, await moto.DepthAsync(dlqUrl));

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var rerun = await new DeadLetterRedrive(moto.Sqs, options).RunAsync();

        Assert.Equal(15, rerun.Moved);
        Assert.Equal(0, await moto.DepthAsync(dlqUrl));
        var arrived = (await moto.ReceiveAllAsync(queueUrl)).Select(Fingerprint).ToList();
        var expected = Fingerprints(sent).Concat(cut.Select(Fingerprint)).Order(StringComparer.Ordinal);
        Assert.Equal(expected, arrived.Order(StringComparer.Ordinal));
    }

    /// <summary>Bodies that a careless re-encoding would change: JSON, accents and emoji, CR LF, trailing spaces; with string and binary attributes.</summary>
    private static List<SendMessageBatchRequestEntry> Messages(int count) =>
        Enumerable.Range(0, count).Select(i => new SendMessageBatchRequestEntry
        {
            Id = "m" + i.ToString(CultureInfo.InvariantCulture),
            MessageBody = (i % 3) switch
            {
                0 => $$"""{"event_type":"order.created","occurred_at":"2024-05-01T12:00:00Z","event_id":"dl-{{i}}"}""",
                1 => $"  café ✓ 🚀 {i}\r\nline two\t ",
                _ => $$"""{ "not" : "valid for the contract", "n" : {{i}} }""",
            },
            MessageAttributes = new Dictionary<string, MessageAttributeValue>
            {
                ["tenant"] = new() { DataType = "String", StringValue = "t" + (i % 4).ToString(CultureInfo.InvariantCulture) },
                ["blob"] = new() { DataType = "Binary", BinaryValue = new MemoryStream([(byte)i, 0, 255]) },
            },
        }).ToList();

    private static IEnumerable<string> Fingerprints(IEnumerable<SendMessageBatchRequestEntry> sent) =>
        sent.Select(e => Fingerprint(e.MessageBody, e.MessageAttributes)).Order(StringComparer.Ordinal);

    private static string Fingerprint(Message message) => Fingerprint(message.Body, message.MessageAttributes);

    private static string Fingerprint(string body, Dictionary<string, MessageAttributeValue>? attributes) =>
        Convert.ToHexString(Encoding.UTF8.GetBytes(body)) + "|" + string.Join(",", (attributes ?? []).OrderBy(a => a.Key, StringComparer.Ordinal)
            .Select(a => $"{a.Key}:{a.Value.DataType}:{a.Value.StringValue}:{(a.Value.BinaryValue is { } b ? Convert.ToHexString(b.ToArray()) : "")}"));
}
