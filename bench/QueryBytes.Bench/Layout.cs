namespace DataPlatform.QueryBytes.Bench;

/// <summary>A lake layout the query runs over: its folder, the columns the query reads in it, and the SQL of the query.</summary>
public sealed record Layout(string Name, string Folder, IReadOnlyList<string> Columns, string Select)
{
    private const string FromJson = "payload->>'amount' AS amount, payload->>'currency' AS currency, payload->>'channel' AS channel";

    public static Layout Raw { get; } = new("raw (processor files)", "raw", ["payload"], FromJson);

    public static Layout Compacted { get; } = new("compacted, payload JSON", "compacted", ["payload"], FromJson);

    public static Layout Typed { get; } = new("compacted, typed columns", "typed", ["amount", "currency", "channel"], "amount, currency, channel");

    public static IReadOnlyList<Layout> All { get; } = [Raw, Compacted, Typed];
}
