namespace DataPlatform.Contracts;

/// <summary>
/// One typed column of a contracted type in the compacted table: named after its payload property,
/// always nullable (an event may leave an optional property out).
/// </summary>
public sealed record ContractColumn(string Name, ColumnType Type)
{
    /// <summary>The type in Glue's and Athena's DDL.</summary>
    public string GlueType => Type switch
    {
        ColumnType.String => "string",
        ColumnType.Int64 => "bigint",
        ColumnType.Double => "double",
        ColumnType.Boolean => "boolean",
        ColumnType.Timestamp => "timestamp",
        _ => "date",
    };

    /// <summary>The type in DuckDB's SQL.</summary>
    public string DuckDbType => Type switch
    {
        ColumnType.String => "VARCHAR",
        ColumnType.Int64 => "BIGINT",
        ColumnType.Double => "DOUBLE",
        ColumnType.Boolean => "BOOLEAN",
        ColumnType.Timestamp => "TIMESTAMP WITH TIME ZONE",
        _ => "DATE",
    };
}
