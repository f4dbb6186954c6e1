using ParquetSharp;
using ParquetSharp.Schema;

namespace DataPlatform.Compaction;

/// <summary>
/// One raw Parquet file decoded into its columns (one array per column, in file order). The encoded
/// bytes are dropped as soon as the file is decoded, so an hour is held once, as values, not twice.
/// </summary>
public sealed class RawFile
{
    private RawFile(string key, string eventType, long size, int rows, string[] columnNames, Array[] columns)
    {
        Key = key;
        EventType = eventType;
        Size = size;
        Rows = rows;
        ColumnNames = columnNames;
        Columns = columns;
    }

    public string Key { get; }

    public string EventType { get; }

    /// <summary>The encoded size, which estimates how big the rows are once rewritten.</summary>
    public long Size { get; }

    public int Rows { get; }

    public IReadOnlyList<string> ColumnNames { get; }

    public Array[] Columns { get; }

    public T[] Column<T>(int index) => (T[])Columns[index];

    /// <summary>Decodes every column of a Parquet file; <paramref name="schema"/> gets a copy of its schema for the writer.</summary>
    public static RawFile Read(Stream parquet, string key, string eventType, out GroupNode schema)
    {
        ArgumentNullException.ThrowIfNull(parquet);
        var size = parquet.Length;
        using var file = new ParquetFileReader(parquet, leaveOpen: true);
        var metadata = file.FileMetaData;
        schema = (GroupNode)metadata.Schema.GroupNode.DeepClone();
        var columnCount = metadata.NumColumns;
        var names = new string[columnCount];
        for (var c = 0; c < columnCount; c++)
        {
            names[c] = metadata.Schema.Column(c).Name;
        }

        var rows = checked((int)metadata.NumRows);
        var columns = new Array[columnCount];
        var groups = metadata.NumRowGroups;
        for (var c = 0; c < columnCount; c++)
        {
            Array? whole = null;
            var filled = 0;
            for (var g = 0; g < groups; g++)
            {
                using var group = file.RowGroup(g);
                var groupRows = checked((int)group.MetaData.NumRows);
                using var column = group.Column(c);
                using var reader = column.LogicalReader();
                var values = reader.Apply(new ReadAllColumn(groupRows));
                if (groups == 1)
                {
                    whole = values;
                    break;
                }

                whole ??= Array.CreateInstance(values.GetType().GetElementType()!, rows);
                Array.Copy(values, 0, whole, filled, values.Length);
                filled += values.Length;
            }

            columns[c] = whole ?? Array.CreateInstance(typeof(object), 0);
        }

        return new RawFile(key, eventType, size, rows, names, columns);
    }

    private sealed class ReadAllColumn(int rows) : ILogicalColumnReaderVisitor<Array>
    {
        public Array OnLogicalColumnReader<TValue>(LogicalColumnReader<TValue> columnReader) => columnReader.ReadAll(rows);
    }
}
