using DataPlatform.Processor.Configuration;
using ParquetSharp;

namespace DataPlatform.Processor.Lake;

/// <summary>Maps the lake's settings onto the native Parquet writer's properties.</summary>
internal static class ParquetWriterSettings
{
    public static WriterProperties Create(ProcessorSettings settings, IEnumerable<string> dictionaryColumns, IEnumerable<string> noStatisticsColumns)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var builder = new WriterPropertiesBuilder();
        builder.CreatedBy("DataPlatform processor").MemoryPool(MemoryPool.SystemMemoryPool());
        if (settings.Compression == ParquetCompression.Snappy)
        {
            builder.Compression(Compression.Snappy);
        }
        else
        {
            // Always explicit: a library default is a silent trade of CPU time against storage.
            builder.Compression(Compression.Zstd).CompressionLevel(settings.ZstdLevel);
        }

        // Dictionary encoding only where values repeat; on ids and JSON text it would cost time
        // and then fall back to plain pages anyway.
        builder.DisableDictionary();
        foreach (var column in dictionaryColumns)
        {
            builder.EnableDictionary(column);
        }

        foreach (var column in noStatisticsColumns)
        {
            builder.DisableStatistics(column);
        }

        return builder.Build();
    }
}
