using Parquet;

namespace DataPlatform.Processor.Tests.Support;

/// <summary>Reads a Parquet file back with Parquet.Net into rows of column name → value.</summary>
public static class ParquetRows
{
    /// <summary>
    /// Reads column by column with the typed reader: its untyped serializer turns null strings
    /// into "", which would hide the difference between a missing payload and an empty one.
    /// </summary>
    public static async Task<List<Dictionary<string, object?>>> ReadAsync(byte[] file)
    {
        using var stream = new MemoryStream(file);
        await using var reader = await ParquetReader.CreateAsync(stream);
        var rows = new List<Dictionary<string, object?>>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            var group = reader.OpenRowGroupReader(g);
            var count = (int)group.RowCount;
            var groupRows = Enumerable.Range(0, count).Select(_ => new Dictionary<string, object?>()).ToList();
            foreach (var field in reader.Schema.GetDataFields())
            {
                object?[] values;
                if (field.ClrType == typeof(string) || field.ClrType == typeof(ReadOnlyMemory<char>))
                {
                    var strings = new string?[count];
                    await group.ReadAsync(field, strings.AsMemory());
                    values = strings;
                }
                else if (field.ClrType == typeof(DateTime))
                {
                    var times = new DateTime?[count];
                    await group.ReadAsync<DateTime>(field, times.AsMemory());
                    values = times.Cast<object?>().ToArray();
                }
                else if (field.ClrType == typeof(int))
                {
                    var numbers = new int?[count];
                    await group.ReadAsync<int>(field, numbers.AsMemory());
                    values = numbers.Cast<object?>().ToArray();
                }
                else
                {
                    throw new NotSupportedException($"Column {field.Name} has type {field.ClrType}, which the lake does not write.");
                }

                for (var r = 0; r < count; r++)
                {
                    groupRows[r][field.Name] = values[r];
                }
            }

            rows.AddRange(groupRows);
        }

        return rows;
    }

    public static async Task<string> CompressionAsync(byte[] file)
    {
        using var stream = new MemoryStream(file);
        await using var reader = await ParquetReader.CreateAsync(stream);
        return reader.Metadata!.RowGroups[0].Columns[0].MetaData!.Codec.ToString();
    }

    public static async Task<List<string>> ColumnNamesAsync(byte[] file)
    {
        using var stream = new MemoryStream(file);
        await using var reader = await ParquetReader.CreateAsync(stream);
        return reader.Schema.GetDataFields().Select(f => f.Name).ToList();
    }
}
