namespace DataPlatform.Operations.Query;

/// <summary>A query the lake could not answer, with DuckDB's own words and what to do about it.</summary>
public sealed class QueryFailedException : Exception
{
    public QueryFailedException()
    {
    }

    public QueryFailedException(string message)
        : base(message)
    {
    }

    public QueryFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
