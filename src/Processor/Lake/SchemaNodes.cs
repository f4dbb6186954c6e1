using ParquetSharp;
using ParquetSharp.Schema;

namespace DataPlatform.Processor.Lake;

/// <summary>The lake's column kinds as native schema nodes, so each table lists only names and nullability.</summary>
internal static class SchemaNodes
{
    public static GroupNode Table(params Node[] columns) => new("schema", Repetition.Required, columns);

    public static PrimitiveNode Text(string name, bool nullable)
    {
        using var text = LogicalType.String();
        return new PrimitiveNode(name, Repeat(nullable), text, PhysicalType.ByteArray);
    }

    // Microsecond UTC timestamps: Athena/Trino and Spark read them as timestamps without casts.
    public static PrimitiveNode Timestamp(string name, bool nullable)
    {
        using var timestamp = LogicalType.Timestamp(isAdjustedToUtc: true, TimeUnit.Micros);
        return new PrimitiveNode(name, Repeat(nullable), timestamp, PhysicalType.Int64);
    }

    public static PrimitiveNode Int32(string name)
    {
        using var none = LogicalType.None();
        return new PrimitiveNode(name, Repetition.Required, none, PhysicalType.Int32);
    }

    private static Repetition Repeat(bool nullable) => nullable ? Repetition.Optional : Repetition.Required;
}
