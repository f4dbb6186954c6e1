using DataPlatform.Processor.Lake;

namespace DataPlatform.Processor.Tests.Support;

/// <summary>
/// A real store with injected rejections: the PUTs a predicate picks throw as an S3 error would,
/// before anything is stored (S3 keeps nothing from a rejected PUT).
/// </summary>
public sealed class FailingLakeStore(ILakeStore inner, Func<string, bool> shouldFail) : ILakeStore
{
    private int _rejected;

    public int Rejected => Volatile.Read(ref _rejected);

    public Task PutAsync(string key, MemoryStream content, CancellationToken cancellationToken)
    {
        if (shouldFail(key))
        {
            Interlocked.Increment(ref _rejected);
            throw new IOException($"Injected S3 failure for {key}");
        }

        return inner.PutAsync(key, content, cancellationToken);
    }
}
