using DataPlatform.Contracts;
using ParquetSharp;
using ParquetSharp.Schema;

namespace DataPlatform.Compaction;

/// <summary>
/// A contracted type's typed columns in a part, after the envelope: named and typed by <see cref="ContractColumns"/>
/// (the mapping the Glue tables <c>compacted_&lt;type&gt;</c> and the views use), valued by <see cref="TypedPayload"/>
/// from each row's payload. A value that does not convert (an event accepted before its contract) is null there;
/// the payload column still holds it.
/// </summary>
internal sealed class TypedColumns(EventContract contract)
{
    private readonly IReadOnlyList<ContractColumn> _columns = ContractColumns.For(contract);

    /// <summary>The raw schema's fields, then one optional field per contract column.</summary>
    public GroupNode Schema(GroupNode raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var fields = raw.Fields.Select(f => f.DeepClone()).Concat(_columns.Select(Node)).ToArray();
        try
        {
            return new GroupNode(raw.Name, Repetition.Required, fields);
        }
        finally
        {
            foreach (var field in fields)
            {
                field.Dispose();
            }
        }
    }

    /// <summary>Writes the typed columns of <paramref name="payloads"/> (one per row, in output order) into the row group.</summary>
    public void Write(RowGroupWriter group, string?[] payloads)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(payloads);
        var values = new object?[payloads.Length][];
        for (var i = 0; i < payloads.Length; i++)
        {
            values[i] = TypedPayload.Values(contract, payloads[i]);
        }

        for (var c = 0; c < _columns.Count; c++)
        {
            using var column = group.NextColumn();
            switch (_columns[c].Type)
            {
                case ColumnType.Int64:
                    Write<long?>(column, values, c, v => (long?)v);
                    break;
                case ColumnType.Double:
                    Write<double?>(column, values, c, v => (double?)v);
                    break;
                case ColumnType.Boolean:
                    Write<bool?>(column, values, c, v => (bool?)v);
                    break;
                case ColumnType.Timestamp:
                    Write<DateTime?>(column, values, c, v => (DateTime?)v);
                    break;
                case ColumnType.Date:
                    Write<Date?>(column, values, c, v => v is DateOnly day ? new Date(day.Year, day.Month, day.Day) : null);
                    break;
                default:
                    Write<string?>(column, values, c, v => (string?)v);
                    break;
            }
        }
    }

    private static void Write<T>(ColumnWriter column, object?[][] values, int index, Func<object?, T> convert)
    {
        using var writer = column.LogicalWriter<T>();
        var typed = new T[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            typed[i] = convert(values[i][index]);
        }

        writer.WriteBatch(typed);
    }

    private static PrimitiveNode Node(ContractColumn column) => column.Type switch
    {
        ColumnType.Int64 => new PrimitiveNode(column.Name, Repetition.Optional, LogicalType.None(), PhysicalType.Int64),
        ColumnType.Double => new PrimitiveNode(column.Name, Repetition.Optional, LogicalType.None(), PhysicalType.Double),
        ColumnType.Boolean => new PrimitiveNode(column.Name, Repetition.Optional, LogicalType.None(), PhysicalType.Boolean),
        ColumnType.Timestamp => new PrimitiveNode(column.Name, Repetition.Optional, LogicalType.Timestamp(isAdjustedToUtc: true, TimeUnit.Micros), PhysicalType.Int64),
        ColumnType.Date => new PrimitiveNode(column.Name, Repetition.Optional, LogicalType.Date(), PhysicalType.Int32),
        _ => new PrimitiveNode(column.Name, Repetition.Optional, LogicalType.String(), PhysicalType.ByteArray),
    };
}
