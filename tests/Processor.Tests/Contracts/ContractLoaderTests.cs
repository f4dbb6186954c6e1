using DataPlatform.Contracts;

namespace DataPlatform.Processor.Tests.Contracts;

public sealed class ContractLoaderTests
{
    [Fact]
    public void The_repository_samples_load_with_their_properties_in_file_order()
    {
        var contracts = ContractLoader.LoadDirectory(RepositoryFolder.Contracts);

        Assert.True(contracts.TryGet("order.created", out var order));
        Assert.Equal(["order_id", "amount", "currency", "item_count", "customer_email", "placed_at", "gift"], order.Properties.Select(p => p.Name));
        var currency = order.Find("currency")!;
        Assert.True(currency.Required);
        Assert.Equal(["EUR", "USD", "GBP"], currency.Enum);
        Assert.Equal(PropertyFormat.DateTime, order.Find("placed_at")!.Format);
        Assert.False(order.Find("gift")!.Required);
        Assert.True(contracts.TryGet("user.signed_up", out _));
    }

    [Theory]
    [InlineData("""{"type":"object","properties":{},"minProperties":1}""", "$.minProperties", "not supported")]
    [InlineData("""{"type":"array","properties":{}}""", "$.type", "\"type\": \"object\"")]
    [InlineData("""{"type":"object"}""", "$.properties", "\"properties\"")]
    [InlineData("""{"type":"object","properties":{},"additionalProperties":false}""", "$.additionalProperties", "only true is supported")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"object"}}}""", "$.properties.a.type", "only top-level scalars")]
    [InlineData("""{"type":"object","properties":{"a":{"type":["string","null"]}}}""", "$.properties.a.type", "each property needs a type")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"string","minLength":1}}}""", "$.properties.a.minLength", "not supported")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"integer","format":"date"}}}""", "$.properties.a.format", "strings only")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"string","format":"ipv4"}}}""", "$.properties.a.format", "\"date-time\", \"date\", \"uuid\" and \"email\"")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"boolean","enum":[true]}}}""", "$.properties.a.enum", "plain string and integer")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"integer","enum":[1,"2"]}}}""", "$.properties.a.enum[1]", "not a whole number")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"string","enum":[]}}}""", "$.properties.a.enum", "non-empty")]
    [InlineData("""{"type":"object","properties":{"orderId":{"type":"string"}}}""", "$.properties.orderId", "lower snake case")]
    [InlineData("""{"type":"object","properties":{"occurred_at":{"type":"string"}}}""", "$.properties.occurred_at", "envelope")]
    [InlineData("""{"type":"object","properties":{"dt":{"type":"string"}}}""", "$.properties.dt", "partition")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"string"}},"required":["b"]}""", "$.required", "'b' is required but not among the properties")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"string"}},"required":["a","a"]}""", "$.required[1]", "each named once")]
    [InlineData("""{"type":"object","type":"object","properties":{}}""", "$.type", "given twice")]
    public void Anything_outside_the_subset_is_refused_with_the_file_the_path_and_what_is_supported(string text, string path, string what)
    {
        var error = Assert.Throws<ContractFormatException>(() => ContractLoader.Parse("contracts/order.created.json", text));

        Assert.StartsWith($"contracts/order.created.json at {path}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(what, error.Message, StringComparison.Ordinal);
        Assert.Contains("docs/contracts.md", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_json_is_refused_with_its_line()
    {
        var error = Assert.Throws<ContractFormatException>(() => ContractLoader.Parse("contracts/x.json", "{\n  \"type\": \"object\",,\n}"));

        Assert.Contains("contracts/x.json is not valid JSON (line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_named_for_no_event_type_is_refused()
    {
        var error = Assert.Throws<ContractFormatException>(() => ContractLoader.Parse("contracts/order created.json", """{"type":"object","properties":{}}"""));

        Assert.Contains("is not an event type", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_folder_is_refused_rather_than_read_as_no_contracts()
    {
        var error = Assert.Throws<ContractFormatException>(() => ContractLoader.LoadDirectory("/nonexistent/contracts"));

        Assert.Contains("/nonexistent/contracts does not exist", error.Message, StringComparison.Ordinal);
    }
}
