using DataPlatform.Contracts;

namespace DataPlatform.Operations.Query;

/// <summary>
/// A contract property's typed value read from a raw row's <c>payload</c>, by the rules the compactor types by
/// (src/Contracts' PropertyRules): the JSON type must match (a number in text is not a number), integers fit 64 bits,
/// enums, uuid and email shapes and RFC 3339 date-times with an offset hold; otherwise NULL. So a raw row and its
/// compacted copy give the same value, and a per-type view answers the same before and after compaction.
/// </summary>
public static class TypedValueSql
{
    private const string Uuid = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    private const string Email = @"[^@\x00-\x20]+@[^@.\x00-\x20][^@\x00-\x20]*\.[^@\x00-\x20]*[^@.\x00-\x20]";
    private const string DateTime = @"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})";
    private const string Date = "[0-9]{4}-[0-9]{2}-[0-9]{2}";

    public static string DuckDb(ContractProperty property)
    {
        ArgumentNullException.ThrowIfNull(property);
        var path = $"'$.{property.Name}'";
        var kind = $"json_type(payload, {path})";
        var text = $"json_extract_string(payload, {path})";
        return property.Type switch
        {
            // DuckDB calls a non-negative integer UBIGINT: the cast tells which fit 64 signed bits.
            PropertyType.Integer => When($"{kind} IN ('BIGINT', 'UBIGINT') AND TRY_CAST({text} AS BIGINT) IS NOT NULL{IntegerEnum(property, $"TRY_CAST({text} AS BIGINT)")}",
                $"TRY_CAST({text} AS BIGINT)"),
            PropertyType.Number => When($"{kind} IN ('BIGINT', 'UBIGINT', 'DOUBLE') AND isfinite(CAST({text} AS DOUBLE))", $"CAST({text} AS DOUBLE)"),
            PropertyType.Boolean => When($"{kind} = 'BOOLEAN'", $"CAST({text} AS BOOLEAN)"),
            _ => When($"{kind} = 'VARCHAR'{StringRules(property, text, pattern => $"regexp_full_match({text}, '{pattern}')")}", property.Format switch
            {
                PropertyFormat.DateTime => $"TRY_CAST({text} AS TIMESTAMP WITH TIME ZONE)",
                PropertyFormat.Date => $"TRY_CAST({text} AS DATE)",
                _ => text,
            }),
        };
    }

    public static string Athena(ContractProperty property)
    {
        ArgumentNullException.ThrowIfNull(property);
        var path = $"'$.{property.Name}'";
        var json = $"json_format(json_extract(payload, {path}))";
        var text = $"json_extract_scalar(payload, {path})";
        return property.Type switch
        {
            PropertyType.Integer => When($"regexp_like({json}, '^-?(0|[1-9][0-9]*)$'){IntegerEnum(property, $"TRY_CAST({text} AS bigint)")}", $"TRY_CAST({text} AS bigint)"),
            PropertyType.Number => When($"regexp_like({json}, '^-?[0-9]') AND is_finite(TRY_CAST({text} AS double))", $"TRY_CAST({text} AS double)"),
            PropertyType.Boolean => When($"{json} IN ('true', 'false')", $"CAST({text} AS boolean)"),
            _ => When($"substr({json}, 1, 1) = '\"'{StringRules(property, text, pattern => $"regexp_like({text}, '^{pattern}$')")}", property.Format switch
            {
                PropertyFormat.DateTime => $"try(CAST(from_iso8601_timestamp({text}) AT TIME ZONE 'UTC' AS timestamp))",
                PropertyFormat.Date => $"try(from_iso8601_date({text}))",
                _ => text,
            }),
        };
    }

    private static string When(string condition, string value) => $"CASE WHEN {condition} THEN {value} END";

    private static string IntegerEnum(ContractProperty property, string value) =>
        property.Enum is { Count: > 0 } values ? $" AND {value} IN ({string.Join(", ", values)})" : "";

    private static string StringRules(ContractProperty property, string text, Func<string, string> matches)
    {
        if (property.Enum is { Count: > 0 } values)
        {
            return $" AND {text} IN ({string.Join(", ", values.Select(v => "'" + v.Replace("'", "''", StringComparison.Ordinal) + "'"))})";
        }

        return property.Format switch
        {
            PropertyFormat.Uuid => " AND " + matches(Uuid),
            PropertyFormat.Email => " AND " + matches(Email),
            PropertyFormat.DateTime => " AND " + matches(DateTime),
            PropertyFormat.Date => " AND " + matches(Date),
            _ => "",
        };
    }
}
