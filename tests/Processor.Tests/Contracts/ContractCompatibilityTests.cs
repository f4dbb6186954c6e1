using DataPlatform.Contracts;

namespace DataPlatform.Processor.Tests.Contracts;

public sealed class ContractCompatibilityTests
{
    private const string Deployed = """
        {"type":"object","required":["id"],"properties":{
          "id":{"type":"string"},"amount":{"type":"number"},"at":{"type":"string","format":"date-time"},
          "currency":{"type":"string","enum":["EUR","USD"]},"note":{"type":"string"}}}
        """;

    [Theory]
    [InlineData("an optional property added", """{"type":"object","required":["id"],"properties":{"id":{"type":"string"},"amount":{"type":"number"},"at":{"type":"string","format":"date-time"},"currency":{"type":"string","enum":["EUR","USD"]},"note":{"type":"string"},"extra":{"type":"integer"}}}""")]
    [InlineData("a requirement dropped", """{"type":"object","properties":{"id":{"type":"string"},"amount":{"type":"number"},"at":{"type":"string","format":"date-time"},"currency":{"type":"string","enum":["EUR","USD"]},"note":{"type":"string"}}}""")]
    [InlineData("an enum widened", """{"type":"object","required":["id"],"properties":{"id":{"type":"string"},"amount":{"type":"number"},"at":{"type":"string","format":"date-time"},"currency":{"type":"string","enum":["EUR","USD","GBP"]},"note":{"type":"string","description":"free text"}}}""")]
    [InlineData("an enum dropped", """{"type":"object","required":["id"],"properties":{"id":{"type":"string"},"amount":{"type":"number"},"at":{"type":"string","format":"date-time"},"currency":{"type":"string"},"note":{"type":"string"}}}""")]
    public void Compatible_changes_break_nothing(string change, string proposed)
    {
        Assert.True(Compare(proposed).Count == 0, change);
    }

    [Theory]
    [InlineData("""{"type":"object","required":["id"],"properties":{"id":{"type":"string"},"amount":{"type":"number"},"at":{"type":"string","format":"date-time"},"currency":{"type":"string","enum":["EUR","USD"]}}}""",
        "note", "t: payload.note (string) was removed, so its column would leave the compacted table")]
    [InlineData("""{"type":"object","required":["id"],"properties":{"id":{"type":"string"},"amount":{"type":"string"},"at":{"type":"string","format":"date-time"},"currency":{"type":"string","enum":["EUR","USD"]},"note":{"type":"string"}}}""",
        "amount", "t: payload.amount changed from number to string")]
    [InlineData("""{"type":"object","required":["id"],"properties":{"id":{"type":"string"},"amount":{"type":"number"},"at":{"type":"string","format":"date"},"currency":{"type":"string","enum":["EUR","USD"]},"note":{"type":"string"}}}""",
        "at", "t: payload.at changed from string (date-time) to string (date)")]
    [InlineData("""{"type":"object","required":["id","note"],"properties":{"id":{"type":"string"},"amount":{"type":"number"},"at":{"type":"string","format":"date-time"},"currency":{"type":"string","enum":["EUR","USD"]},"note":{"type":"string"}}}""",
        "note", "t: payload.note became required (it was optional)")]
    [InlineData("""{"type":"object","required":["id","qty"],"properties":{"id":{"type":"string"},"amount":{"type":"number"},"at":{"type":"string","format":"date-time"},"currency":{"type":"string","enum":["EUR","USD"]},"note":{"type":"string"},"qty":{"type":"integer"}}}""",
        "qty", "t: payload.qty (integer) is new and required")]
    [InlineData("""{"type":"object","required":["id"],"properties":{"id":{"type":"string"},"amount":{"type":"number"},"at":{"type":"string","format":"date-time"},"currency":{"type":"string","enum":["EUR"]},"note":{"type":"string"}}}""",
        "currency", "t: payload.currency no longer allows \"USD\" (enum narrowed from \"EUR\", \"USD\" to \"EUR\")")]
    [InlineData("""{"type":"object","required":["id"],"properties":{"id":{"type":"string"},"amount":{"type":"number"},"at":{"type":"string","format":"date-time"},"currency":{"type":"string","enum":["EUR","USD"]},"note":{"type":"string","enum":["a"]}}}""",
        "note", "t: payload.note now allows only \"a\" (it allowed any string)")]
    public void Each_breaking_change_is_one_sentence_naming_the_type_and_the_field(string proposed, string field, string sentence)
    {
        var change = Assert.Single(Compare(proposed));

        Assert.Equal("t", change.EventType);
        Assert.Equal(field, change.Field);
        Assert.StartsWith(sentence, change.Change, StringComparison.Ordinal);
    }

    [Fact]
    public void A_removed_contract_is_breaking_and_a_new_one_is_not()
    {
        var deployed = new ContractSet([ContractLoader.Parse("contracts/t.json", Deployed)]);
        var proposed = new ContractSet([ContractLoader.Parse("contracts/u.json", Deployed)]);

        var change = Assert.Single(ContractCompatibility.Compare(deployed, proposed));
        Assert.Equal(("t", "*"), (change.EventType, change.Field));
        Assert.Contains("the contract of t was removed: its typed columns (id, amount, at, currency, note)", change.Change, StringComparison.Ordinal);
        Assert.Empty(ContractCompatibility.Compare(ContractSet.Empty, proposed));
    }

    private static IReadOnlyList<BreakingChange> Compare(string proposed) =>
        ContractCompatibility.Compare(ContractLoader.Parse("contracts/t.json", Deployed), ContractLoader.Parse("contracts/t.json", proposed));
}
