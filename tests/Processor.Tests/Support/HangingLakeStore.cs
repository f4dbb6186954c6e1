using DataPlatform.Processor.Lake;

namespace DataPlatform.Processor.Tests.Support;

/// <summary>
/// A real store in which the PUTs a predicate picks never answer, as a hung S3 connection does:
/// they end only when the caller cancels them, and store nothing. After <see cref="GiveUpAfter"/>
/// one fails instead, so a processor that never cancels fails its test rather than hanging the suite.
/// </summary>
public sealed class HangingLakeStore(ILakeStore inner, Func<string, bool> hangs) : ILakeStore
{
    private int _hung;

    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(10);

    public int Hung => Volatile.Read(ref _hung);

    public async Task PutAsync(string key, MemoryStream content, CancellationToken cancellationToken)
    {
        if (hangs(key))
        {
            Interlocked.Increment(ref _hung);
            await Task.Delay(GiveUpAfter, cancellationToken);
            throw new IOException($"The PUT of {key} hung for {GiveUpAfter.TotalSeconds} s and nobody cancelled it.");
        }

        await inner.PutAsync(key, content, cancellationToken);
    }
}
