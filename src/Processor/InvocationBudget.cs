namespace DataPlatform.Processor;

/// <summary>
/// How long one invocation may spend writing: the function's timeout from the moment the
/// invocation starts, less a margin. When the budget runs out, writes still in flight are
/// cancelled and writes not yet started never start, so the handler still answers, naming only
/// the messages whose data is not durable, instead of Lambda killing it and the queue redelivering
/// the whole batch.
/// </summary>
public sealed class InvocationBudget : IDisposable
{
    /// <summary>
    /// The margin is a tenth of the timeout, kept between these bounds. After the budget runs out,
    /// in-flight PUTs must see the cancellation and unwind, the response must be written (at most
    /// 10,000 ids, well under a millisecond) and handed to the runtime, and the invocation's clock
    /// started a little before the handler was called; half a second covers that with room for a
    /// garbage collection, and more than five seconds would only waste a long invocation's time.
    /// </summary>
    public static readonly TimeSpan MinMargin = TimeSpan.FromMilliseconds(500);

    public static readonly TimeSpan MaxMargin = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Attempts per budget for one S3 request: a hung connection gets a fresh one (the SDK retries a
    /// timed-out attempt) at least twice before the budget runs out, instead of eating all of it.
    /// </summary>
    public const int AttemptsPerBudget = 3;

    private readonly CancellationTokenSource? _expiry;
    private readonly CancellationTokenSource? _linked;
    private readonly CancellationToken _caller;

    private InvocationBudget(CancellationTokenSource? expiry, CancellationToken caller)
    {
        _expiry = expiry;
        _caller = caller;
        _linked = expiry is null ? null : CancellationTokenSource.CreateLinkedTokenSource(caller, expiry.Token);
    }

    /// <summary>Cancelled when the budget runs out or the caller gives up, whichever comes first.</summary>
    public CancellationToken Token => _linked?.Token ?? _caller;

    /// <summary>True once the budget ran out (and not because the caller gave up).</summary>
    public bool Expired => _expiry is { IsCancellationRequested: true } && !_caller.IsCancellationRequested;

    /// <summary>What an invocation of a function with this timeout may spend: the timeout less the margin.</summary>
    public static TimeSpan For(TimeSpan functionTimeout) => functionTimeout - MarginFor(functionTimeout);

    public static TimeSpan MarginFor(TimeSpan functionTimeout) =>
        // Never more than half the timeout: a one-second function still gets half a second of work.
        TimeSpan.FromTicks(Math.Min(functionTimeout.Ticks / 2, Math.Clamp(functionTimeout.Ticks / 10, MinMargin.Ticks, MaxMargin.Ticks)));

    /// <summary>
    /// The S3 client's timeout for one attempt: a share of the budget, and never longer than
    /// <paramref name="ceiling"/> (the kit's default). Without a function timeout, the ceiling.
    /// </summary>
    public static TimeSpan AttemptTimeoutFor(TimeSpan? functionTimeout, TimeSpan ceiling) =>
        functionTimeout is { } timeout ? TimeSpan.FromTicks(Math.Min(ceiling.Ticks, For(timeout).Ticks / AttemptsPerBudget)) : ceiling;

    /// <summary>Starts the clock of one invocation; without a function timeout only the caller can cancel.</summary>
    public static InvocationBudget Start(TimeSpan? functionTimeout, TimeProvider time, CancellationToken caller)
    {
        ArgumentNullException.ThrowIfNull(time);
        return new InvocationBudget(functionTimeout is { } timeout ? new CancellationTokenSource(For(timeout), time) : null, caller);
    }

    public void Dispose()
    {
        _linked?.Dispose();
        _expiry?.Dispose();
    }
}
