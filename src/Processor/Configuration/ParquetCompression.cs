namespace DataPlatform.Processor.Configuration;

/// <summary>The codecs the lake accepts: what Athena, Spark and DuckDB all read.</summary>
public enum ParquetCompression
{
    Zstd,
    Snappy,
}
