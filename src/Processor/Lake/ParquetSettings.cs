using System.IO.Compression;
using DataPlatform.Processor.Configuration;
using Parquet;

namespace DataPlatform.Processor.Lake;

/// <summary>Maps the lake's settings onto Parquet.Net's writer options.</summary>
internal static class ParquetSettings
{
    public static ParquetOptions Create(ProcessorSettings settings, IEnumerable<string> dictionaryColumns)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var options = new ParquetOptions
        {
            CompressionMethod = settings.Compression == ParquetCompression.Snappy ? CompressionMethod.Snappy : CompressionMethod.Zstd,
            // Always explicit: Parquet.Net 6.1 defaults to SmallestSize, which is Zstd level 19
            // and about 80 times slower than level 3 for a few percent less storage.
            CompressionLevel = ZstdLevel(settings.ZstdLevel),
        };

        // Parquet.Net only dictionary-encodes string columns that are hinted; these repeat a
        // handful of values per file, so their pages shrink to a few bits per row.
        foreach (var column in dictionaryColumns)
        {
            options.ColumnEncodingHints[column] = EncodingHint.Dictionary;
        }

        return options;
    }

    public static CompressionLevel ZstdLevel(int level) => level switch
    {
        1 => CompressionLevel.Fastest,
        3 => CompressionLevel.Optimal,
        19 => CompressionLevel.SmallestSize,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level,
            "Parquet.Net 6.1 can write Zstd at levels 1, 3 and 19 only."),
    };
}
