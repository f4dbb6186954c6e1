using ParquetSharp;
using ParquetSharp.Schema;

namespace DataPlatform.Compaction;

/// <summary>
/// Writes a part: the chosen rows of an hour's decoded files, in the given order, as one Parquet file
/// with one row group and the raw files' own schema (so compacted and raw columns cannot drift apart).
/// </summary>
public sealed class PartWriter : IDisposable
{
    // Few distinct values per part: dictionary pages shrink them to bits. Ids and JSON text are unique,
    // where a dictionary would only cost time before falling back to plain pages.
    private static readonly string[] DictionaryColumns = ["event_type", "source", "ingested_at", "sqs_receive_count"];

    private readonly WriterProperties _properties;

    public PartWriter(CompactionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var builder = new WriterPropertiesBuilder();
        builder.CreatedBy("DataPlatform compaction").MemoryPool(MemoryPool.SystemMemoryPool());
        builder.Compression(settings.Compression);
        if (settings.Compression == Compression.Zstd)
        {
            // Explicit, as in the processor: a library default is a silent trade of CPU time against storage.
            builder.CompressionLevel(settings.ZstdLevel);
        }

        builder.DisableDictionary();
        foreach (var column in DictionaryColumns)
        {
            builder.EnableDictionary(column);
        }

        builder.DisableStatistics("payload").DisableStatistics("attributes");
        _properties = builder.Build();
    }

    public MemoryStream Write(GroupNode schema, IReadOnlyList<RawFile> files, ReadOnlySpan<RowRef> rows)
    {
        ArgumentNullException.ThrowIfNull(files);
        var output = new MemoryStream();
        var ordered = rows.ToArray();
        using (var file = new ParquetFileWriter(output, schema, _properties, keyValueMetadata: null, leaveOpen: true))
        {
            using var group = file.AppendRowGroup();
            for (var c = 0; c < files[0].Columns.Length; c++)
            {
                using var column = group.NextColumn();
                using var writer = column.LogicalWriter();
                writer.Apply(new GatherColumn(files, c, ordered));
            }

            file.Close();
        }

        output.Position = 0;
        return output;
    }

    public void Dispose() => _properties.Dispose();

    private sealed class GatherColumn(IReadOnlyList<RawFile> files, int column, RowRef[] rows) : ILogicalColumnWriterVisitor<bool>
    {
        public bool OnLogicalColumnWriter<TValue>(LogicalColumnWriter<TValue> columnWriter)
        {
            var values = new TValue[rows.Length];
            for (var i = 0; i < rows.Length; i++)
            {
                values[i] = ((TValue[])files[rows[i].File].Columns[column])[rows[i].Row];
            }

            columnWriter.WriteBatch(values);
            return true;
        }
    }
}
