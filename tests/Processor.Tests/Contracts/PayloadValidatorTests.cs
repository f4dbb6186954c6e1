using System.Text;
using System.Text.Json;
using DataPlatform.Contracts;

namespace DataPlatform.Processor.Tests.Contracts;

public sealed class PayloadValidatorTests
{
    private static readonly EventContract Contract = ContractLoader.Parse("contracts/t.json", """
        {"type":"object","required":["id","amount"],"properties":{
          "id":{"type":"string"},
          "amount":{"type":"number"},
          "count":{"type":"integer","enum":[1,2,3]},
          "paid":{"type":"boolean"},
          "currency":{"type":"string","enum":["EUR","USD"]},
          "at":{"type":"string","format":"date-time"},
          "on":{"type":"string","format":"date"},
          "ref":{"type":"string","format":"uuid"},
          "mail":{"type":"string","format":"email"}}}
        """);

    [Fact]
    public void A_payload_that_keeps_every_rule_has_no_violations_and_unknown_or_nested_members_are_ignored()
    {
        var violations = Validate("""
            {"id":"o-1","amount":42.5,"count":2,"paid":true,"currency":"EUR","at":"2024-05-01T12:30:00+02:00","on":"2024-02-29",
             "ref":"9f0c6a8e-0c51-4b5e-a9c7-1d2b3c4d5e6f","mail":"a.b@example.com","extra":{"id":1,"deep":[{"amount":"x"}]}}
            """);

        Assert.Empty(violations);
    }

    [Theory]
    [InlineData("""{"id":7,"amount":1}""", "payload.id must be a string (got a number)")]
    [InlineData("""{"id":"a","amount":"12"}""", "payload.amount must be a number (got a string)")]
    [InlineData("""{"id":"a","amount":null}""", "payload.amount must be a number (got null)")]
    [InlineData("""{"id":"a","amount":1,"count":1.5}""", "payload.count must be an integer (got a number with a fraction")]
    [InlineData("""{"id":"a","amount":1,"count":99999999999999999999}""", "payload.count must be an integer (got a number with a fraction, an exponent, or beyond 64 bits)")]
    [InlineData("""{"id":"a","amount":1,"count":4}""", "payload.count must be one of 1, 2, 3 (enum)")]
    [InlineData("""{"id":"a","amount":1,"paid":"yes"}""", "payload.paid must be a boolean (got a string)")]
    [InlineData("""{"id":"a","amount":1,"currency":"GBP"}""", "payload.currency must be one of \"EUR\", \"USD\" (enum)")]
    [InlineData("""{"id":"a","amount":1,"currency":"eur"}""", "payload.currency must be one of")]
    [InlineData("""{"id":"a","amount":1,"at":"2024-05-01T12:30:00"}""", "payload.at must be an RFC 3339 date-time with an offset")]
    [InlineData("""{"id":"a","amount":1,"on":"2023-02-29"}""", "payload.on must be a date like 2024-05-01 (format date)")]
    [InlineData("""{"id":"a","amount":1,"ref":"not-a-uuid"}""", "payload.ref must be a UUID")]
    [InlineData("""{"id":"a","amount":1,"mail":"no-at-sign.example.com"}""", "payload.mail must be an email address")]
    [InlineData("""{"id":"a","amount":1,"mail":"a@b"}""", "payload.mail must be an email address")]
    [InlineData("""{"amount":1}""", "payload.id is required but missing")]
    [InlineData("""[1,2]""", "payload must be an object (got an array)")]
    [InlineData("""{"id":"a","amount":{"value":1}}""", "payload.amount must be a number (got an object)")]
    public void Each_rule_names_the_field_and_the_rule(string payload, string expected)
    {
        var violations = Validate(payload);

        var violation = Assert.Single(violations);
        Assert.StartsWith(expected, violation.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Escaped_text_is_judged_unescaped()
    {
        Assert.Empty(Validate("""{"id":"a","amount":1,"currency":"\u0045UR","\u0061t":"2024-05-01T12:30:00Z"}"""));
        Assert.Equal("payload.at must be an RFC 3339 date-time with an offset, like 2024-05-01T12:30:00Z (format date-time)",
            Assert.Single(Validate("""{"id":"a","amount":1,"\u0061t":"yesterday"}""")).ToString());
    }

    [Fact]
    public void Every_violation_is_reported_and_described_with_the_type_and_never_the_value()
    {
        var violations = Validate("""{"amount":"secret-12","paid":1}""");

        var reason = PayloadValidator.Describe(Contract, violations);
        Assert.Equal("contract t: payload.amount must be a number (got a string); payload.paid must be a boolean (got a number); payload.id is required but missing", reason);
        Assert.DoesNotContain("secret", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_absent_payload_breaks_a_contract()
    {
        Assert.Equal("payload is missing, but the contract describes an object", Assert.Single(PayloadValidator.Validate(Contract, ReadOnlySpan<byte>.Empty)).ToString());
    }

    [Fact]
    public void A_parsed_payload_is_judged_the_same()
    {
        using var document = JsonDocument.Parse("""{"id":"a","amount":true}""");

        Assert.Equal("payload.amount must be a number (got a boolean)", Assert.Single(PayloadValidator.Validate(Contract, document.RootElement)).ToString());
    }

    private static IReadOnlyList<ContractViolation> Validate(string payload) => PayloadValidator.Validate(Contract, Encoding.UTF8.GetBytes(payload));
}
