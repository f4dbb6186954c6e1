using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using DataPlatform.Processor.Configuration;
using DataPlatform.Processor.Events;
using DataPlatform.Processor.Events.Sqs;
using DataPlatform.Processor.Lake;
using DataPlatform.Processor.Quarantine;
using DataPlatform.Processor.Telemetry;

namespace DataPlatform.Processor;

/// <summary>
/// The whole data path for one SQS batch: read the event, check every body against the contract,
/// write accepted events as one Parquet object per partition and refused bodies as one quarantine
/// object, and answer with exactly the messages whose data did not become durable.
/// The Lambda handler, the local runner and the benchmark all run this class.
/// </summary>
public sealed class BatchProcessor
{
    /// <summary>How many bodies are logged one by one when refused; the rest are only counted.</summary>
    private const int QuarantineLogLimit = 10;

    private readonly ProcessorSettings _settings;
    private readonly ILakeStore _store;
    private readonly JsonLog _log;
    private readonly EmbeddedMetrics? _metrics;
    private readonly TimeProvider _time;
    private readonly LakeKeys _keys;
    private readonly EventFileEncoder _eventEncoder;
    private readonly QuarantineFileEncoder _quarantineEncoder;

    public BatchProcessor(ProcessorSettings settings, ILakeStore store, JsonLog log, EmbeddedMetrics? metrics = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(log);
        _settings = settings;
        _store = store;
        _log = log;
        _metrics = metrics;
        _time = time ?? TimeProvider.System;
        _keys = new LakeKeys(settings.Prefix);
        NativeAllocator.KeepFreedMemory();
        _eventEncoder = new EventFileEncoder(settings);
        _quarantineEncoder = new QuarantineFileEncoder(settings);
    }

    /// <summary>
    /// Partitions are encoded and uploaded concurrently, and a large batch is read and checked on
    /// several cores: the work is CPU-bound and a Lambda with enough memory has several vCPUs;
    /// uploads overlap with the encoding of other partitions. 1 keeps a batch on one thread.
    /// </summary>
    public int MaxConcurrency { get; init; } = Math.Max(4, Environment.ProcessorCount);

    public ProcessorSettings Settings => _settings;

    /// <summary>Stream in, stream out: the Lambda contract for a handler without a serializer.</summary>
    public async Task<Stream> HandleAsync(Stream sqsEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sqsEvent);
        // The invocation's clock starts before the event is read: reading it is on Lambda's clock too.
        using var budget = InvocationBudget.Start(_settings.FunctionTimeout, _time, cancellationToken);
        BatchOutcome outcome;
        if (sqsEvent is MemoryStream memory && memory.TryGetBuffer(out var segment))
        {
            outcome = await ProcessAsync(segment.AsMemory((int)memory.Position), budget, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
            var length = 0;
            try
            {
                int read;
                while ((read = await sqsEvent.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    length += read;
                    if (length == buffer.Length)
                    {
                        var grown = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        buffer.AsSpan(0, length).CopyTo(grown);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = grown;
                    }
                }

                outcome = await ProcessAsync(buffer.AsMemory(0, length), budget, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        var response = new MemoryStream();
        await JsonSerializer.SerializeAsync(response, outcome.Response, ProcessorJson.Default.BatchResponse, cancellationToken)
            .ConfigureAwait(false);
        response.Position = 0;
        return response;
    }

    /// <summary>One invocation on an event already in memory (the local runner's path); its budget starts now.</summary>
    public async Task<BatchOutcome> ProcessAsync(ReadOnlyMemory<byte> sqsEvent, CancellationToken cancellationToken = default)
    {
        using var budget = InvocationBudget.Start(_settings.FunctionTimeout, _time, cancellationToken);
        return await ProcessAsync(sqsEvent, budget, cancellationToken).ConfigureAwait(false);
    }

    private async Task<BatchOutcome> ProcessAsync(ReadOnlyMemory<byte> sqsEvent, InvocationBudget budget, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        SqsBatch batch;
        try
        {
            batch = SqsEventReader.Read(sqsEvent, parallel: MaxConcurrency > 1);
        }
        catch (InvalidSqsEventException exception)
        {
            // Nothing can be named in a partial response, so the invocation fails and the whole
            // batch is retried (and reaches the DLQ after maxReceiveCount if it never parses).
            _log.Error("The invocation payload is not a readable SQS event; the whole batch will be retried.",
                new LogField("error", exception.Message), new LogField("payloadBytes", sqsEvent.Length));
            throw;
        }

        using (batch)
        {
            BatchOutcome outcome;
            try
            {
                outcome = await ProcessBatchAsync(batch, started, budget, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // A defect must not turn into lost data or a malformed response: every message is
                // reported failed, so the queue redelivers them all.
                _log.Error("The batch failed unexpectedly; every message is reported failed for redelivery.",
                    new LogField("error", exception), new LogField("messages", batch.Messages.Count));
                outcome = AllFailed(batch, started);
            }

            _metrics?.Publish(outcome.Metrics, _time.GetUtcNow());
            return outcome;
        }
    }

    private async Task<BatchOutcome> ProcessBatchAsync(SqsBatch batch, long started, InvocationBudget budget, CancellationToken cancellationToken)
    {
        var messages = batch.Messages;
        var ingestedAt = batch.EarliestSentAt ?? _time.GetUtcNow().UtcDateTime;
        using var sorted = BatchSorter.Sort(messages, _settings, ingestedAt, MaxConcurrency);
        var partitions = sorted.Partitions;
        var quarantined = sorted.Quarantined;
        foreach (var refused in quarantined.Take(QuarantineLogLimit))
        {
            _log.Warning("A message body was refused and goes to quarantine.",
                new LogField("messageId", messages[refused.MessageIndex].MessageId), new LogField("reason", refused.Error),
                new LogField("receiveCount", messages[refused.MessageIndex].ReceiveCount));
        }

        // A message is failed until the object holding it is durable: whatever does not finish in
        // time (a PUT cut off by the deadline, a partition never started) is reported, and nothing else.
        // Duplicates skipped by the sorter belong to no object and are never marked.
        var failed = new bool[messages.Count];
        var keys = new List<string>();
        long bytesWritten = 0;
        var gate = new Lock();

        // One object per partition and one for the quarantine: a failed write leaves exactly the
        // messages in that object failed, so they are redelivered and nothing else is.
        Func<CancellationToken, Task> Write(string key, Func<MemoryStream> encode, int[] messageIndexes, string failure)
        {
            foreach (var index in messageIndexes)
            {
                failed[index] = true;
            }

            return async ct =>
            {
                try
                {
                    await using var file = encode();
                    await _store.PutAsync(key, file, ct).ConfigureAwait(false);
                    lock (gate)
                    {
                        keys.Add(key);
                        bytesWritten += file.Length;
                        foreach (var index in messageIndexes)
                        {
                            failed[index] = false;
                        }
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    if (budget.Expired)
                    {
                        _log.Warning("The invocation's time ran out while writing an object; its messages are reported failed and will be redelivered.",
                            new LogField("key", key), new LogField("messages", messageIndexes.Length));
                    }
                    else
                    {
                        _log.Error(failure, new LogField("key", key), new LogField("messages", messageIndexes.Length), new LogField("error", exception));
                    }
                }
            };
        }

        var work = new List<Func<CancellationToken, Task>>();
        foreach (var (partition, events) in partitions)
        {
            var key = _keys.Event(partition, ObjectName.ForMessages(events.Select(e => messages[e.MessageIndex].MessageId)));
            work.Add(Write(key, () => _eventEncoder.Encode(events, messages, ingestedAt), events.Select(e => e.MessageIndex).ToArray(),
                "Writing a partition failed; its messages are reported failed and will be redelivered."));
        }

        if (quarantined.Count > 0)
        {
            // A refused body is only acknowledged once its quarantine copy is durable.
            var key = _keys.Quarantine(DateOnly.FromDateTime(ingestedAt),
                ObjectName.ForMessages(quarantined.Select(q => messages[q.MessageIndex].MessageId)));
            work.Add(Write(key, () => _quarantineEncoder.Encode(quarantined, messages, ingestedAt), quarantined.Select(q => q.MessageIndex).ToArray(),
                "Writing the quarantine object failed; the refused messages are reported failed and will be redelivered."));
        }

        try
        {
            await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrency, CancellationToken = budget.Token },
                async (item, ct) => await item(ct).ConfigureAwait(false)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (budget.Expired)
        {
            // Objects not started stay failed; those written stay written.
            _log.Warning("The invocation's time ran out before every object was written; the rest are reported failed so the function answers before its timeout.",
                new LogField("objectsWritten", keys.Count), new LogField("objects", work.Count));
        }

        var response = Response(messages, failed);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var failedCount = response.BatchItemFailures.Count;
        var metrics = new BatchMetrics(
            messages.Count,
            sorted.Accepted - (failedCount == 0 ? 0 : CountFailed(failed, partitions.Values.SelectMany(p => p))),
            quarantined.Count - (failedCount == 0 ? 0 : quarantined.Count(q => failed[q.MessageIndex])),
            failedCount,
            bytesWritten,
            keys.Count,
            elapsed);

        _log.Information("Batch processed.",
            new LogField("messages", metrics.Messages), new LogField("accepted", metrics.EventsAccepted),
            new LogField("quarantined", metrics.EventsQuarantined), new LogField("failed", metrics.MessagesFailed),
            new LogField("objects", metrics.ObjectsWritten), new LogField("bytesWritten", metrics.BytesWritten),
            new LogField("milliseconds", Math.Round(elapsed, 1)));

        keys.Sort(StringComparer.Ordinal);
        return new BatchOutcome(response, metrics, keys);
    }

    private static int CountFailed(bool[] failed, IEnumerable<AcceptedEvent> events) => events.Count(e => failed[e.MessageIndex]);

    /// <summary>Failed messages in batch order, each id once, and only ids that are in the batch.</summary>
    private static BatchResponse Response(IReadOnlyList<SqsMessage> messages, bool[] failed)
    {
        List<BatchItemFailure>? failures = null;
        HashSet<string>? seen = null;
        for (var i = 0; i < messages.Count; i++)
        {
            if (!failed[i])
            {
                continue;
            }

            failures ??= [];
            seen ??= new HashSet<string>(StringComparer.Ordinal);
            if (seen.Add(messages[i].MessageId))
            {
                failures.Add(new BatchItemFailure(messages[i].MessageId));
            }
        }

        return failures is null ? BatchResponse.Success : new BatchResponse(failures);
    }

    private static BatchOutcome AllFailed(SqsBatch batch, long started)
    {
        var failed = new bool[batch.Messages.Count];
        Array.Fill(failed, true);
        var response = Response(batch.Messages, failed);
        var metrics = new BatchMetrics(batch.Messages.Count, 0, 0, response.BatchItemFailures.Count, 0, 0,
            Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return new BatchOutcome(response, metrics, []);
    }
}
