namespace DataPlatform.Contracts;

/// <summary>The Parquet logical type of a typed payload column.</summary>
public enum ColumnType
{
    /// <summary>UTF-8 string.</summary>
    String,

    /// <summary>INT64.</summary>
    Int64,

    /// <summary>DOUBLE.</summary>
    Double,

    /// <summary>BOOLEAN.</summary>
    Boolean,

    /// <summary>TIMESTAMP, microseconds, adjusted to UTC.</summary>
    Timestamp,

    /// <summary>DATE (days since 1970-01-01).</summary>
    Date,
}
