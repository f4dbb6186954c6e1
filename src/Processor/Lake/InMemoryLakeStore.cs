using System.Collections.Concurrent;

namespace DataPlatform.Processor.Lake;

/// <summary>
/// A lake in a dictionary: the benchmark measures the handler path without network time, and
/// unit tests read back exactly the bytes that would have gone to S3.
/// </summary>
public sealed class InMemoryLakeStore : ILakeStore
{
    private readonly ConcurrentDictionary<string, byte[]> _objects = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, byte[]> Objects => _objects;

    /// <summary>When false, objects are counted but not kept (the benchmark's steady state).</summary>
    public bool KeepContent { get; init; } = true;

    public long BytesStored => Interlocked.Read(ref _bytesStored);

    private long _bytesStored;

    public Task PutAsync(string key, MemoryStream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        Interlocked.Add(ref _bytesStored, content.Length);
        _objects[key] = KeepContent ? content.ToArray() : [];
        return Task.CompletedTask;
    }

    public void Clear() => _objects.Clear();
}
