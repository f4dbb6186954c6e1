using DataPlatform.Contracts;

namespace DataPlatform.Processor.Tests.Contracts;

public sealed class TypedPayloadTests
{
    private static readonly EventContract Contract = ContractLoader.Parse("contracts/t.json", """
        {"type":"object","properties":{
          "s":{"type":"string"},"i":{"type":"integer"},"n":{"type":"number"},"b":{"type":"boolean"},
          "ts":{"type":"string","format":"date-time"},"d":{"type":"string","format":"date"},
          "u":{"type":"string","format":"uuid"},"e":{"type":"string","enum":["x","y"]}}}
        """);

    [Fact]
    public void Columns_follow_the_contract_order_and_the_mapping()
    {
        var columns = ContractColumns.For(Contract);

        Assert.Equal(
            [("s", ColumnType.String), ("i", ColumnType.Int64), ("n", ColumnType.Double), ("b", ColumnType.Boolean),
             ("ts", ColumnType.Timestamp), ("d", ColumnType.Date), ("u", ColumnType.String), ("e", ColumnType.String)],
            columns.Select(c => (c.Name, c.Type)));
        Assert.Equal(["string", "bigint", "double", "boolean", "timestamp", "date", "string", "string"], columns.Select(c => c.GlueType));
    }

    [Fact]
    public void Values_come_typed_in_column_order_whatever_the_member_order()
    {
        var values = TypedPayload.Values(Contract,
            """{"e":"y","d":"2024-02-29","ts":"2024-05-01T14:30:00.250+02:00","b":false,"n":2.5,"i":9007199254740993,"s":"t\"ext","u":"9f0c6a8e-0c51-4b5e-a9c7-1d2b3c4d5e6f","other":[1]}""");

        Assert.Equal(
            ["t\"ext", 9007199254740993L, 2.5, false, new DateTime(2024, 5, 1, 12, 30, 0, 250, DateTimeKind.Utc), new DateOnly(2024, 2, 29),
             "9f0c6a8e-0c51-4b5e-a9c7-1d2b3c4d5e6f", "y"],
            values);
        Assert.Equal(DateTimeKind.Utc, ((DateTime)values[4]!).Kind);
    }

    [Fact]
    public void Absent_null_and_contract_breaking_values_are_null_and_stay_in_the_payload_column()
    {
        var values = TypedPayload.Values(Contract, """{"s":null,"i":"12","n":1,"e":"z"}""");

        Assert.Equal([null, null, 1.0, null, null, null, null, null], values);
        Assert.All(TypedPayload.Values(Contract, (string?)null), Assert.Null);
        Assert.All(TypedPayload.Values(Contract, "[1]"), Assert.Null);
    }
}
