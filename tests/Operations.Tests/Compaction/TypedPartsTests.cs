using DataPlatform.Contracts;
using DataPlatform.Operations.Tests.Support;
using ParquetSharp;
using static DataPlatform.Operations.Tests.Compaction.CompactionLake;

namespace DataPlatform.Operations.Tests.Compaction;

/// <summary>
/// A contracted type's parts carry, after the envelope, one typed column per payload property, with the Parquet types
/// ContractColumns maps to (what the Glue table compacted_&lt;type&gt; declares); a value that does not convert is null
/// and its payload keeps it. An uncontracted type's parts keep the raw schema.
/// </summary>
[Collection(MotoLakeCollection.Name)]
public sealed class TypedPartsTests(MotoLake moto)
{
    private const string Contract = """
        {"type":"object","required":["order_id"],"properties":{
          "order_id":{"type":"string"},"amount":{"type":"number"},"item_count":{"type":"integer"},"gift":{"type":"boolean"},
          "placed_at":{"type":"string","format":"date-time"},"ship_on":{"type":"string","format":"date"}}}
        """;

    private static readonly string[] Envelope =
        ["event_id", "event_type", "source", "occurred_at", "ingested_at", "payload", "attributes", "sqs_message_id", "sqs_sent_at", "sqs_receive_count"];

    [Fact]
    public async Task A_contracted_types_part_has_its_typed_columns_and_a_value_that_does_not_convert_is_null()
    {
        var lake = await CreateAsync(moto, "typed-parts");
        var contract = ContractLoader.Parse("contracts/order.created.json", Contract);
        await lake.PutRawAsync(Hour0, "part-a",
            Row("e1", 1, 0, "m-1") with { Payload = """{"order_id":"o-1","amount":42.5,"item_count":3,"gift":true,"placed_at":"2026-11-30T09:59:00.123456Z","ship_on":"2026-12-02","note":"kept"}""" },
            // Accepted before the contract existed: amount as text, item_count fractional, ship_on not a date.
            Row("e2", 2, 0, "m-2") with { Payload = """{"order_id":"o-2","amount":"12","item_count":1.5,"ship_on":"soon"}""" });
        await lake.PutRawAsync(Hour0, "part-b", Row("u1", 3, 0, "m-3", type: "user.signed_up"));

        await lake.RunAsync(lake.Settings(s => s with { Contracts = new ContractSet([contract]) }), Hour0.AddHours(2));

        using (var part = await OpenAsync(lake, "compacted/events/event_type=order.created/dt=2026-11-30/hour=10/part-00000.parquet"))
        {
            var schema = part.FileMetaData.Schema;
            Assert.Equal([.. Envelope, "order_id", "amount", "item_count", "gift", "placed_at", "ship_on"],
                Enumerable.Range(0, schema.NumColumns).Select(c => schema.Column(c).Name));
            AssertColumn(schema.Column(10), PhysicalType.ByteArray, LogicalTypeEnum.String);
            AssertColumn(schema.Column(11), PhysicalType.Double, LogicalTypeEnum.None);
            AssertColumn(schema.Column(12), PhysicalType.Int64, LogicalTypeEnum.None);
            AssertColumn(schema.Column(13), PhysicalType.Boolean, LogicalTypeEnum.None);
            AssertColumn(schema.Column(14), PhysicalType.Int64, LogicalTypeEnum.Timestamp);
            var timestamp = (TimestampLogicalType)schema.Column(14).LogicalType;
            Assert.True(timestamp.IsAdjustedToUtc && timestamp.TimeUnit == TimeUnit.Micros, "placed_at is not a UTC timestamp in microseconds.");
            AssertColumn(schema.Column(15), PhysicalType.Int32, LogicalTypeEnum.Date);

            using var group = part.RowGroup(0);
            Assert.Equal(["e1", "e2"], Read<string>(group, 0));
            Assert.Equal(["o-1", "o-2"], Read<string>(group, 10));
            Assert.Equal([42.5, null], Read<double?>(group, 11));
            Assert.Equal([3L, null], Read<long?>(group, 12));
            Assert.Equal([true, null], Read<bool?>(group, 13));
            Assert.Equal([new DateTime(2026, 11, 30, 9, 59, 0, 123, 456, DateTimeKind.Utc), null], Read<DateTime?>(group, 14));
            Assert.Equal([new Date(2026, 12, 2), null], Read<Date?>(group, 15));
            Assert.Contains("\"amount\":\"12\"", Read<string?>(group, 5)[1], StringComparison.Ordinal);
        }

        using (var uncontracted = await OpenAsync(lake, "compacted/events/event_type=user.signed_up/dt=2026-11-30/hour=10/part-00000.parquet"))
        {
            var schema = uncontracted.FileMetaData.Schema;
            Assert.Equal(Envelope, Enumerable.Range(0, schema.NumColumns).Select(c => schema.Column(c).Name));
        }
    }

    private static async Task<ParquetFileReader> OpenAsync(CompactionLake lake, string key) =>
        new(new MemoryStream(await lake.DownloadAsync(key)), leaveOpen: false);

    private static void AssertColumn(ColumnDescriptor column, PhysicalType physical, LogicalTypeEnum logical)
    {
        Assert.True(column.PhysicalType == physical && column.LogicalType.Type == logical,
            $"{column.Name} is {column.PhysicalType}/{column.LogicalType.Type}, expected {physical}/{logical}.");
        Assert.Equal(0, column.MaxRepetitionLevel);
        Assert.Equal(1, column.MaxDefinitionLevel);
    }

    private static T[] Read<T>(RowGroupReader group, int column)
    {
        using var columnReader = group.Column(column);
        using var reader = columnReader.LogicalReader<T>();
        return reader.ReadAll(checked((int)group.MetaData.NumRows));
    }
}
