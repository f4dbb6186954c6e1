using System.Diagnostics;
using DataPlatform.Processor.Configuration;
using DataPlatform.Processor.Lake;
using DataPlatform.Processor.Telemetry;
using DataPlatform.Processor.Tests.Support;

namespace DataPlatform.Processor.Tests.Deadline;

/// <summary>
/// A write that never finishes must not take the whole batch down with the invocation: the handler
/// answers within the function's timeout, naming exactly the messages whose object is not durable.
/// </summary>
public sealed class DeadlineTests
{
    /// <summary>
    /// The answer comes the margin (a tenth, at least half a second) before the timeout, and that margin must also
    /// cover this machine's scheduler: these tests share two cores with other suites' deploys, where a stall of
    /// 0.9 s was seen. 10 s gives 1 s; a hang waits out the budget, so this is also what each test costs.
    /// </summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The function's init phase runs the warm-up before any invocation; here too, so that the
    /// timed invocation does not pay for loading the Parquet writer (encoding is not cancellable).
    /// </summary>
    private static Task WarmAsync(ProcessorSettings settings) => WarmUp.RunAsync(settings);

    [Fact]
    public async Task A_hung_partition_write_is_given_up_at_the_deadline_and_only_its_messages_are_reported()
    {
        var memory = new InMemoryLakeStore();
        var store = new HangingLakeStore(memory, key => key.Contains("event_type=user.signed_up", StringComparison.Ordinal));
        var lake = new TestLake(new ProcessorSettings { Bucket = "lake", FunctionTimeout = Timeout }, store);
        var events = new SqsEventBuilder()
            .AddEvent("order.created")
            .AddEvent("user.signed_up")
            .Add("not json")
            .AddEvent("user.signed_up");
        await WarmAsync(lake.Settings);

        var clock = Stopwatch.StartNew();
        var outcome = await lake.ProcessAsync(events);
        clock.Stop();

        Assert.Equal(1, store.Hung);
        Assert.True(clock.Elapsed < Timeout, $"answered after {clock.Elapsed.TotalSeconds:F2} s, the function's timeout is {Timeout.TotalSeconds} s");
        Assert.True(clock.Elapsed >= InvocationBudget.For(Timeout) - TimeSpan.FromMilliseconds(50), $"gave up after {clock.Elapsed.TotalSeconds:F2} s, before the budget ran out");
        Assert.Equal(["msg-00001", "msg-00003"], outcome.Response.BatchItemFailures.Select(f => f.ItemIdentifier));
        // What was written stays written: the other partition and the quarantine.
        Assert.Equal(2, memory.Objects.Count);
        Assert.DoesNotContain(memory.Objects.Keys, k => k.Contains("user.signed_up", StringComparison.Ordinal));
        Assert.Contains("time ran out", lake.Log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Objects_not_started_when_the_deadline_passes_are_reported_failed_and_never_written()
    {
        var memory = new InMemoryLakeStore();
        // One write at a time, and the first one hangs: the others never start.
        var store = new HangingLakeStore(memory, key => key.Contains("event_type=order.created", StringComparison.Ordinal));
        var settings = new ProcessorSettings { Bucket = "lake", FunctionTimeout = Timeout };
        var processor = new BatchProcessor(settings, store, new JsonLog(TextWriter.Null, LogLevel.None)) { MaxConcurrency = 1 };
        var events = new SqsEventBuilder()
            .AddEvent("order.created")
            .AddEvent("user.signed_up")
            .Add("not json");
        await WarmAsync(settings);

        var clock = Stopwatch.StartNew();
        await using var response = await processor.HandleAsync(new MemoryStream(events.ToUtf8()));
        clock.Stop();

        Assert.True(clock.Elapsed < Timeout, $"answered after {clock.Elapsed.TotalSeconds:F2} s, the function's timeout is {Timeout.TotalSeconds} s");
        Assert.Empty(memory.Objects);
        var body = await new StreamReader(response).ReadToEndAsync();
        Assert.Equal("""{"batchItemFailures":[{"itemIdentifier":"msg-00000"},{"itemIdentifier":"msg-00001"},{"itemIdentifier":"msg-00002"}]}""", body);
    }

    [Fact]
    public async Task Without_a_function_timeout_a_slow_write_is_waited_for()
    {
        var memory = new InMemoryLakeStore();
        var lake = new TestLake(store: new SlowLakeStore(memory, TimeSpan.FromMilliseconds(700)));

        var outcome = await lake.ProcessAsync(new SqsEventBuilder().AddEvent("order.created"));

        Assert.Empty(outcome.Response.BatchItemFailures);
        Assert.Single(memory.Objects);
    }

    [Fact]
    public async Task A_caller_that_gives_up_still_gets_a_cancellation_not_a_partial_answer()
    {
        var store = new HangingLakeStore(new InMemoryLakeStore(), _ => true);
        var lake = new TestLake(new ProcessorSettings { Bucket = "lake", FunctionTimeout = TimeSpan.FromSeconds(60) }, store);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => lake.Processor.ProcessAsync(new SqsEventBuilder().AddEvent("a").ToUtf8(), cancel.Token));
    }

    private sealed class SlowLakeStore(ILakeStore inner, TimeSpan delay) : ILakeStore
    {
        public async Task PutAsync(string key, MemoryStream content, CancellationToken cancellationToken)
        {
            await Task.Delay(delay, cancellationToken);
            await inner.PutAsync(key, content, cancellationToken);
        }
    }
}
