using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Amazon.SQS.Model;
using DataPlatform.Emulator;
using DataPlatform.LocalRunner;
using DataPlatform.Processor;
using DataPlatform.Processor.Configuration;
using DataPlatform.Processor.Events;
using DataPlatform.Processor.Telemetry;

namespace DataPlatform.Reliability.Tests.Environment;

/// <summary>
/// One delivery played by hand, for scenarios that time the handler itself (a drain hides that):
/// the given messages are received as one batch, handed to the processor's stream handler as the
/// Lambda runtime hands them, and settled as the event source mapping settles them (the succeeded
/// deleted, the reported failures visible again at once).
/// </summary>
public static class SingleInvocation
{
    public static async Task<InvocationResult> RunAsync(DeployedEnvironment environment, ProcessorSettings settings, Uri endpoint,
        IReadOnlyCollection<string> messageIds, TextWriter log)
    {
        var received = await ReceiveAsync(environment, messageIds);
        var queueArn = $"arn:aws:sqs:{EmulatorCredentials.Region}:{EmulatorCredentials.AccountId}:{environment.QueueUrl.Split('/')[^1]}";
        var payload = JsonSerializer.SerializeToUtf8Bytes(
            new SqsEvent(received.Select(m => QueueDrainer.ToRecord(m, queueArn, EmulatorCredentials.Region)).ToList()), ProcessorJson.Default.SqsEvent);
        using var host = ProcessorHost.Create(settings, environment.Clients(endpoint), new JsonLog(log, LogLevel.Warning));

        var clock = Stopwatch.StartNew();
        await using var response = await host.Processor.HandleAsync(new MemoryStream(payload));
        var answered = clock.Elapsed;

        var answer = await JsonSerializer.DeserializeAsync(response, ProcessorJson.Default.BatchResponse)
            ?? throw new InvalidOperationException("The handler answered null instead of a partial batch response.");
        var failed = answer.BatchItemFailures.Select(f => f.ItemIdentifier).ToHashSet(StringComparer.Ordinal);
        await SettleAsync(environment, received, failed);
        return new InvocationResult(answered, failed, received.Count);
    }

    private static async Task<List<Message>> ReceiveAsync(DeployedEnvironment environment, IReadOnlyCollection<string> messageIds)
    {
        var wanted = messageIds.ToHashSet(StringComparer.Ordinal);
        var batch = new List<Message>();
        var deadline = Stopwatch.StartNew();
        while (batch.Count < wanted.Count)
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new InvalidOperationException($"Only {batch.Count} of the {wanted.Count} sent messages could be received in 60 s.");
            }

            var response = await environment.Sqs.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = environment.QueueUrl,
                MaxNumberOfMessages = 10,
                WaitTimeSeconds = 1,
                // Longer than the invocation: nothing comes back while the handler holds it.
                VisibilityTimeout = 120,
                MessageSystemAttributeNames = ["All"],
                MessageAttributeNames = ["All"],
            });
            foreach (var message in response.Messages ?? [])
            {
                if (wanted.Contains(message.MessageId))
                {
                    batch.Add(message);
                }
                else
                {
                    // Not this scenario's: back to the queue for whoever owns it.
                    await environment.Sqs.ChangeMessageVisibilityAsync(environment.QueueUrl, message.ReceiptHandle, 0);
                }
            }
        }

        return batch;
    }

    private static async Task SettleAsync(DeployedEnvironment environment, List<Message> batch, HashSet<string> failed)
    {
        foreach (var page in batch.Where(m => !failed.Contains(m.MessageId)).Chunk(10))
        {
            await environment.Sqs.DeleteMessageBatchAsync(environment.QueueUrl,
                page.Select((m, i) => new DeleteMessageBatchRequestEntry(i.ToString(CultureInfo.InvariantCulture), m.ReceiptHandle)).ToList());
        }

        foreach (var page in batch.Where(m => failed.Contains(m.MessageId)).Chunk(10))
        {
            await environment.Sqs.ChangeMessageVisibilityBatchAsync(environment.QueueUrl,
                page.Select((m, i) => new ChangeMessageVisibilityBatchRequestEntry(i.ToString(CultureInfo.InvariantCulture), m.ReceiptHandle) { VisibilityTimeout = 0 }).ToList());
        }
    }
}
