using System.Diagnostics;
using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;
using DataPlatform.Processor;
using DataPlatform.Processor.Events;

namespace DataPlatform.LocalRunner;

/// <summary>
/// The SQS event source mapping, played in process: long-poll a batch, hand it to the
/// processor as the Lambda event JSON, delete the messages that succeeded and leave the failed
/// ones on the queue so that SQS redelivers them (and moves them to the DLQ after
/// maxReceiveCount). Used by the runner's command line, the build's Drain target and the tests.
/// </summary>
public sealed class QueueDrainer
{
    /// <summary>SQS returns at most 10 messages per receive and takes at most 10 per batch call.</summary>
    private const int SqsPageSize = 10;

    /// <summary>
    /// Receives in flight at once while a batch gathers, as the mapping first polls with five
    /// connections: one call at a time waits out every round trip, and a batch of 1,000 takes 100.
    /// </summary>
    private const int Pollers = 5;

    /// <summary>How often a drain that waits for in-flight messages says so.</summary>
    private static readonly TimeSpan WaitNoticeInterval = TimeSpan.FromSeconds(30);

    private readonly IAmazonSQS _sqs;
    private readonly BatchProcessor _processor;
    private readonly DrainOptions _options;
    private readonly TextWriter? _progress;

    public QueueDrainer(IAmazonSQS sqs, BatchProcessor processor, DrainOptions options, TextWriter? progress = null)
    {
        ArgumentNullException.ThrowIfNull(sqs);
        ArgumentNullException.ThrowIfNull(processor);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _sqs = sqs;
        _processor = processor;
        _options = options;
        _progress = progress;
    }

    public async Task<DrainSummary> DrainAsync(CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        using var timeout = _options.Timeout is { } limit ? new CancellationTokenSource(limit) : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var token = linked.Token;

        var queueArn = await QueueArnAsync(cancellationToken).ConfigureAwait(false);
        var region = _sqs.Config.RegionEndpoint?.SystemName ?? _sqs.Config.AuthenticationRegion ?? "";
        var unresolved = new HashSet<string>(StringComparer.Ordinal);
        var tally = new DrainTally();
        var timedOut = false;
        var lastWaitNotice = (DateTime?)null;

        // Invocations in flight, at most the mapping's maximum concurrency; batches are gathered
        // one after another, as the mapping's pollers hand them to concurrent invocations.
        var running = new List<Task>();
        try
        {
            while (!token.IsCancellationRequested)
            {
                var room = _options.MaxMessages is { } max ? Math.Min(_options.BatchSize, max - tally.Received) : _options.BatchSize;
                if (room <= 0)
                {
                    break;
                }

                var batch = await GatherAsync(room, token).ConfigureAwait(false);
                if (batch.Count == 0)
                {
                    if (!_options.UntilEmpty)
                    {
                        continue;
                    }

                    if (running.Count > 0)
                    {
                        // Our own invocations hold messages in flight: let them finish before asking whether the queue is empty.
                        await Task.WhenAll(running).ConfigureAwait(false);
                        running.Clear();
                        continue;
                    }

                    var (visible, inFlight, delayed) = await CountsAsync(token).ConfigureAwait(false);
                    if (visible == 0 && inFlight == 0 && delayed == 0)
                    {
                        break;
                    }

                    // Without a word, this wait can last a whole visibility timeout (minutes).
                    if (visible == 0 && (lastWaitNotice is not { } noticed || DateTime.UtcNow - noticed >= WaitNoticeInterval))
                    {
                        lastWaitNotice = DateTime.UtcNow;
                        Progress(
                            $"No visible messages, but {inFlight} in flight and {delayed} delayed: waiting for them to be deleted by whoever holds them " +
                            "or to come back after the queue's visibility timeout (the drain's timeout bounds the wait).");
                    }

                    continue;
                }

                tally.Received += batch.Count;
                running.Add(InvokeAsync(batch, queueArn, region, unresolved, tally, token));
                if (running.Count >= _options.Concurrency)
                {
                    var finished = await Task.WhenAny(running).ConfigureAwait(false);
                    running.Remove(finished);
                    await finished.ConfigureAwait(false);
                }
            }

            await Task.WhenAll(running).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            timedOut = true;
        }
        finally
        {
            // Never return (and let the caller dispose the clients) while an invocation still runs;
            // a failure among them has already surfaced above, or follows the one that did.
            await Task.WhenAll(running.Select(t => t.ContinueWith(_ => { }, CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default))).ConfigureAwait(false);
        }

        return new DrainSummary
        {
            Batches = tally.Batches,
            Received = tally.Received,
            Deleted = tally.Deleted,
            EventsAccepted = tally.Accepted,
            EventsQuarantined = tally.Quarantined,
            FailedDeliveries = tally.FailedDeliveries,
            Unresolved = unresolved.Count,
            BytesWritten = tally.BytesWritten,
            TimedOut = timedOut,
            Elapsed = clock.Elapsed,
        };
    }

    private async Task<List<Message>> GatherAsync(int room, CancellationToken token)
    {
        var batch = new List<Message>(Math.Min(room, 1024));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var window = Stopwatch.StartNew();
        while (batch.Count < room)
        {
            var remaining = _options.BatchingWindow - window.Elapsed;
            // An empty queue is long-polled (cheap, like the mapping); a started batch only waits
            // for what is left of its window.
            var wait = batch.Count == 0
                ? (_options.UntilEmpty ? TimeSpan.FromSeconds(Math.Min(1, _options.WaitTime.TotalSeconds)) : _options.WaitTime)
                : remaining > TimeSpan.Zero ? Min(remaining, TimeSpan.FromSeconds(20)) : TimeSpan.Zero;
            var responses = await Task.WhenAll(Pages(room - batch.Count).Select(size => _sqs.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = _options.QueueUrl,
                MaxNumberOfMessages = size,
                WaitTimeSeconds = (int)Math.Ceiling(wait.TotalSeconds),
                MessageSystemAttributeNames = ["All"],
                MessageAttributeNames = ["All"],
            }, token))).ConfigureAwait(false);

            var received = responses.SelectMany(r => r.Messages ?? []).ToList();
            foreach (var message in received)
            {
                // A standard queue may hand out the same message twice; one copy per batch is enough.
                if (seen.Add(message.MessageId))
                {
                    batch.Add(message);
                }
            }

            if (received.Count == 0 && (batch.Count == 0 || _options.BatchingWindow == TimeSpan.Zero || remaining <= TimeSpan.Zero))
            {
                break;
            }

            if (_options.BatchingWindow > TimeSpan.Zero && window.Elapsed >= _options.BatchingWindow)
            {
                break;
            }
        }

        return batch;
    }

    private async Task InvokeAsync(List<Message> batch, string queueArn, string region, HashSet<string> unresolved, DrainTally tally,
        CancellationToken token)
    {
        // Concurrent invocations finish in any order, so every update of the shared counts takes the lock.
        int number;
        lock (tally)
        {
            number = ++tally.Batches;
        }

        var sqsEvent = new SqsEvent(batch.Select(m => ToRecord(m, queueArn, region)).ToList());
        var payload = JsonSerializer.SerializeToUtf8Bytes(sqsEvent, ProcessorJson.Default.SqsEvent);

        HashSet<string> failedIds;
        try
        {
            var outcome = await _processor.ProcessAsync(payload, token).ConfigureAwait(false);
            failedIds = ReadFailures(outcome.Response, batch);
            lock (tally)
            {
                tally.Accepted += outcome.Metrics.EventsAccepted;
                tally.Quarantined += outcome.Metrics.EventsQuarantined;
                tally.BytesWritten += outcome.Metrics.BytesWritten;
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // An invocation error fails the whole batch, as it does under the real mapping.
            Progress($"The handler failed the whole batch of {batch.Count}: {exception.GetType().Name}: {exception.Message}");
            failedIds = batch.Select(m => m.MessageId).ToHashSet(StringComparer.Ordinal);
        }

        var succeeded = batch.Where(m => !failedIds.Contains(m.MessageId)).ToList();
        var failed = batch.Where(m => failedIds.Contains(m.MessageId)).ToList();
        await DeleteAsync(succeeded, token).ConfigureAwait(false);
        lock (tally)
        {
            tally.Deleted += succeeded.Count;
            tally.FailedDeliveries += failed.Count;
            foreach (var message in succeeded)
            {
                unresolved.Remove(message.MessageId);
            }

            foreach (var message in failed)
            {
                unresolved.Add(message.MessageId);
            }
        }

        if (_options.FailedVisibilityTimeout is { } visibility && failed.Count > 0)
        {
            await ReleaseAsync(failed, visibility, token).ConfigureAwait(false);
        }

        Progress($"batch {number}: {batch.Count} messages, {succeeded.Count} done, {failed.Count} left for redelivery");
    }

    private void Progress(string line)
    {
        if (_progress is { } progress)
        {
            lock (progress)
            {
                progress.WriteLine(line);
            }
        }
    }

    /// <summary>
    /// Reads the partial batch response as the mapping does: an id that is not in the batch makes
    /// the response invalid, and an invalid response fails the whole batch.
    /// </summary>
    private HashSet<string> ReadFailures(BatchResponse response, List<Message> batch)
    {
        var wire = JsonSerializer.SerializeToUtf8Bytes(response, ProcessorJson.Default.BatchResponse);
        var parsed = JsonSerializer.Deserialize(wire, ProcessorJson.Default.BatchResponse);
        var ids = batch.Select(m => m.MessageId).ToHashSet(StringComparer.Ordinal);
        var failed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var failure in parsed?.BatchItemFailures ?? [])
        {
            if (string.IsNullOrEmpty(failure.ItemIdentifier) || !ids.Contains(failure.ItemIdentifier))
            {
                Progress("The handler's batch response names a message that is not in the batch; the whole batch fails.");
                return ids;
            }

            failed.Add(failure.ItemIdentifier);
        }

        return failed;
    }

    private async Task DeleteAsync(List<Message> messages, CancellationToken token)
    {
        // One page at a time: plain moto 5.2.1 rebuilds its message list per delete without a lock,
        // so concurrent deletes undo each other and the messages come back after their visibility
        // timeout. The kit's fast_moto_server.py fixes that, but the runner also serves other emulators.
        foreach (var page in messages.Chunk(SqsPageSize))
        {
            var response = await _sqs.DeleteMessageBatchAsync(new DeleteMessageBatchRequest
            {
                QueueUrl = _options.QueueUrl,
                Entries = page.Select((m, i) => new DeleteMessageBatchRequestEntry(i.ToString(System.Globalization.CultureInfo.InvariantCulture), m.ReceiptHandle)).ToList(),
            }, token).ConfigureAwait(false);

            if (response.Failed is { Count: > 0 } failures)
            {
                // The data is already durable; an undeleted message is redelivered and its object
                // rewritten under the same key, so this is a warning, not data loss.
                Progress($"{failures.Count} processed messages could not be deleted and will be redelivered: {failures[0].Message}");
            }
        }
    }

    private async Task ReleaseAsync(List<Message> messages, TimeSpan visibility, CancellationToken token)
    {
        foreach (var page in messages.Chunk(SqsPageSize))
        {
            await _sqs.ChangeMessageVisibilityBatchAsync(new ChangeMessageVisibilityBatchRequest
            {
                QueueUrl = _options.QueueUrl,
                Entries = page.Select((m, i) => new ChangeMessageVisibilityBatchRequestEntry(
                    i.ToString(System.Globalization.CultureInfo.InvariantCulture), m.ReceiptHandle)
                {
                    VisibilityTimeout = (int)visibility.TotalSeconds,
                }).ToList(),
            }, token).ConfigureAwait(false);
        }
    }

    private async Task<(int Visible, int InFlight, int Delayed)> CountsAsync(CancellationToken token)
    {
        var attributes = await _sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest
        {
            QueueUrl = _options.QueueUrl,
            AttributeNames = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed"],
        }, token).ConfigureAwait(false);

        return (attributes.ApproximateNumberOfMessages, attributes.ApproximateNumberOfMessagesNotVisible, attributes.ApproximateNumberOfMessagesDelayed);
    }

    private async Task<string> QueueArnAsync(CancellationToken token)
    {
        var attributes = await _sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest
        {
            QueueUrl = _options.QueueUrl,
            AttributeNames = ["QueueArn"],
        }, token).ConfigureAwait(false);
        return attributes.QueueARN ?? "";
    }

    /// <summary>A received message as the event source mapping hands it to the function (the reliability suite plays one delivery by hand with it).</summary>
    public static SqsRecord ToRecord(Message message, string queueArn, string region) => new()
    {
        MessageId = message.MessageId,
        ReceiptHandle = message.ReceiptHandle,
        Body = message.Body ?? "",
        Attributes = message.Attributes is { } attributes ? new Dictionary<string, string>(attributes) : new Dictionary<string, string>(),
        MessageAttributes = message.MessageAttributes is { } messageAttributes
            ? messageAttributes.ToDictionary(a => a.Key, a => new SqsMessageAttribute { StringValue = a.Value.StringValue, DataType = a.Value.DataType })
            : new Dictionary<string, SqsMessageAttribute>(),
        Md5OfBody = message.MD5OfBody ?? "",
        EventSourceArn = queueArn,
        AwsRegion = region,
    };

    /// <summary>Sizes of the receives that together ask for at most <paramref name="wanted"/> messages.</summary>
    private static IEnumerable<int> Pages(int wanted) =>
        Enumerable.Range(0, Math.Min(Pollers, (wanted + SqsPageSize - 1) / SqsPageSize)).Select(i => Math.Min(SqsPageSize, wanted - i * SqsPageSize));

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
