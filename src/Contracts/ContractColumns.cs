namespace DataPlatform.Contracts;

/// <summary>
/// The column mapping, in one place for the compactor and the view generators: one column per
/// top-level property, in the contract's order, named after it. string→string, integer→int64,
/// number→double, boolean→bool, date-time→timestamp (µs, UTC), date→date; uuid, email and enums stay strings.
/// </summary>
public static class ContractColumns
{
    public static IReadOnlyList<ContractColumn> For(EventContract contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        return contract.Properties.Select(p => new ContractColumn(p.Name, TypeOf(p))).ToList();
    }

    public static ColumnType TypeOf(ContractProperty property)
    {
        ArgumentNullException.ThrowIfNull(property);
        return property.Type switch
        {
            PropertyType.Integer => ColumnType.Int64,
            PropertyType.Number => ColumnType.Double,
            PropertyType.Boolean => ColumnType.Boolean,
            _ => property.Format switch
            {
                PropertyFormat.DateTime => ColumnType.Timestamp,
                PropertyFormat.Date => ColumnType.Date,
                _ => ColumnType.String,
            },
        };
    }
}
