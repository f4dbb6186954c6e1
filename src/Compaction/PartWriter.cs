using DataPlatform.Contracts;
using ParquetSharp;
using ParquetSharp.Schema;

namespace DataPlatform.Compaction;

/// <summary>
/// Writes a part: the chosen rows of an hour's decoded files, in the given order, as one Parquet file
/// with one row group and the raw files' own schema (so compacted and raw columns cannot drift apart), followed, for a
/// type with a contract, by its typed columns (<see cref="TypedColumns"/>).
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

    /// <param name="contract">The rows' type's contract, or null when it has none (the part is then the raw schema only).</param>
    public MemoryStream Write(GroupNode schema, IReadOnlyList<RawFile> files, ReadOnlySpan<RowRef> rows, EventContract? contract = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(files);
        var output = new MemoryStream();
        var ordered = rows.ToArray();
        var typed = contract is null ? null : new TypedColumns(contract);
        using var partSchema = typed?.Schema(schema);
        using (var file = new ParquetFileWriter(output, partSchema ?? schema, _properties, keyValueMetadata: null, leaveOpen: true))
        {
            using var group = file.AppendRowGroup();
            for (var c = 0; c < files[0].Columns.Length; c++)
            {
                using var column = group.NextColumn();
                using var writer = column.LogicalWriter();
                writer.Apply(new GatherColumn(files, c, ordered));
            }

            typed?.Write(group, Payloads(files, ordered));
            file.Close();
        }

        output.Position = 0;
        return output;
    }

    public void Dispose() => _properties.Dispose();

    private static string?[] Payloads(IReadOnlyList<RawFile> files, RowRef[] rows)
    {
        var index = files.Select(f => f.ColumnNames.ToList().IndexOf("payload")).ToArray();
        var payloads = new string?[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            var file = files[rows[i].File];
            payloads[i] = index[rows[i].File] < 0
                ? throw new InvalidDataException($"{file.Key} has no 'payload' column, so its contract's typed columns cannot be filled. It is not a file of the events table (docs/events.md); move it out of events/ and rerun.")
                : file.Column<string?>(index[rows[i].File])[rows[i].Row];
        }

        return payloads;
    }

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
