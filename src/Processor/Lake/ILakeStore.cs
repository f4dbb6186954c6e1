namespace DataPlatform.Processor.Lake;

/// <summary>Where finished Parquet objects go: S3 in production, memory in the benchmark.</summary>
public interface ILakeStore
{
    /// <summary>Stores the whole object durably or throws; a return means the data is safe to acknowledge.</summary>
    Task PutAsync(string key, MemoryStream content, CancellationToken cancellationToken);
}
