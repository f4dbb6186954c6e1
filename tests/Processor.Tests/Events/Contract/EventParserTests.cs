using System.Text;
using System.Text.Json;
using DataPlatform.Contracts;
using DataPlatform.Processor.Events;
using DataPlatform.Processor.Events.Contract;
using DataPlatform.Processor.Events.Sqs;

namespace DataPlatform.Processor.Tests.Events.Contract;

public sealed class EventParserTests
{
    private readonly TextArena _text = new(1024);
    private readonly EventParser _parser = new(262_144);

    [Fact]
    public void The_contract_fields_are_read_and_the_payload_keeps_its_original_json_text()
    {
        var accepted = Accept("""{ "event_type" : "order.created", "occurred_at":"2024-05-01T10:00:00.5-05:00", "event_id":"e1", "source":"shop", "payload": {"a" : [1, 2.50]} }""");

        Assert.Equal("order.created", accepted.EventType);
        Assert.Equal("e1", _text.ToString(accepted.EventId));
        Assert.Equal("shop", _text.ToString(accepted.Source));
        Assert.Equal("""{"a" : [1, 2.50]}""", _text.ToString(accepted.Payload));
        Assert.True(accepted.Attributes.IsNull);
        Assert.Equal(new DateTime(2024, 5, 1, 15, 0, 0, 500, DateTimeKind.Utc), accepted.OccurredAt);
    }

    [Fact]
    public void Escaped_strings_are_unescaped_before_they_are_checked()
    {
        var accepted = Accept("""{"event_type":"order\u002Ecreated","occurred_at":"2024-05-01T10:00:00Z","event_id":"caf\u00e9 \"1\"","source":null}""");

        Assert.Equal("order.created", accepted.EventType);
        Assert.Equal("café \"1\"", _text.ToString(accepted.EventId));
        Assert.True(accepted.Source.IsNull);
    }

    [Fact]
    public void Event_types_are_interned_so_a_batch_holds_one_string_per_type()
    {
        var first = Accept("""{"event_type":"a.b","occurred_at":"2024-05-01T10:00:00Z"}""");
        var second = Accept("""{"event_type":"a.b","occurred_at":"2024-05-01T10:00:00Z"}""");

        Assert.Same(first.EventType, second.EventType);
    }

    [Fact]
    public void Unknown_top_level_fields_are_kept_verbatim_in_attributes()
    {
        var accepted = Accept("""{"tenant":"acme","event_type":"a","n":1e3,"occurred_at":"2024-05-01T10:00:00Z","nested":{"x":null}}""");

        using var attributes = JsonDocument.Parse(_text.ToString(accepted.Attributes));
        Assert.Equal("""{"tenant":"acme","n":1e3,"nested":{"x":null}}""", _text.ToString(accepted.Attributes));
        Assert.Equal(3, attributes.RootElement.EnumerateObject().Count());
    }

    [Fact]
    public void Neighbouring_unknown_fields_keep_one_comma_between_them_whatever_the_spacing()
    {
        var accepted = Accept("""{"a":1,"b":[2, 3],"event_type":"t","c":"x" , "d":null,"e":{},"occurred_at":"2024-05-01T10:00:00Z","f":true}""");

        Assert.Equal("""{"a":1,"b":[2, 3],"c":"x","d":null,"e":{},"f":true}""", _text.ToString(accepted.Attributes));
    }

    [Fact]
    public void An_sns_notification_is_unwrapped_to_the_event_in_its_message()
    {
        var inner = """{"event_type":"user.signed_up","occurred_at":"2024-05-01T10:00:00Z","payload":{"id":7}}""";
        var sns = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["Type"] = "Notification",
            ["MessageId"] = "sns-1",
            ["TopicArn"] = "arn:aws:sns:us-east-1:123456789012:events",
            ["Message"] = inner,
            ["Timestamp"] = "2024-05-01T10:00:01.000Z",
        });

        var accepted = Accept(sns);

        Assert.Equal("user.signed_up", accepted.EventType);
        Assert.Equal("""{"id":7}""", _text.ToString(accepted.Payload));
        Assert.Equal("m-1", _text.ToString(accepted.EventId));
    }

    [Fact]
    public void An_eventbridge_event_maps_detail_type_time_id_source_and_detail()
    {
        var accepted = Accept("""
            {"version":"0","id":"eb-1","detail-type":"OrderPlaced","source":"com.shop","account":"123456789012",
             "time":"2024-05-01T10:00:00Z","region":"us-east-1","resources":[],"detail":{"order":1}}
            """);

        Assert.Equal("OrderPlaced", accepted.EventType);
        Assert.Equal("eb-1", _text.ToString(accepted.EventId));
        Assert.Equal("com.shop", _text.ToString(accepted.Source));
        Assert.Equal("""{"order":1}""", _text.ToString(accepted.Payload));
        Assert.Equal("""{"version":"0","account":"123456789012","region":"us-east-1","resources":[]}""",
            _text.ToString(accepted.Attributes));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("nope", "not valid JSON")]
    [InlineData("\"text\"", "not an object (it is a string)")]
    [InlineData("""{"event_type":"a","occurred_at":"2024-05-01T10:00:00Z"} {}""", "not valid JSON")]
    [InlineData("""{"event_type":"a","event_type":"b","occurred_at":"2024-05-01T10:00:00Z"}""", "more than once")]
    [InlineData("""{"event_type":"","occurred_at":"2024-05-01T10:00:00Z"}""", "1-128 characters")]
    [InlineData("""{"event_type":"a/b","occurred_at":"2024-05-01T10:00:00Z"}""", "1-128 characters")]
    [InlineData("""{"event_type":"a"}""", "'occurred_at' is missing")]
    [InlineData("""{"event_type":"a","occurred_at":1714557600}""", "must be a string, not a number")]
    [InlineData("""{"event_type":"a","occurred_at":"2024-05-01T10:00:00"}""", "RFC 3339")]
    [InlineData("""{"event_type":"a","occurred_at":"2024-05-01T10:00:00Z","source":7}""", "'source' must be a string")]
    [InlineData("""{"event_type":"a","occurred_at":"2024-05-01T10:00:00Z","event_id":{}}""", "'event_id' must be a string, not an object")]
    [InlineData("""{"event_type":"a","occurred_at":"2024-05-01T10:00:00Z","event_id":""}""", "'event_id' must be a non-empty string")]
    [InlineData("""{"event_type":"T\ud800","occurred_at":"2024-05-01T10:00:00Z"}""", "'event_type' must be valid Unicode text, but it holds an escaped unpaired surrogate")]
    [InlineData("""{"event_type":"a","occurred_at":"2024-05-01T10:00:00Z","event_id":"id\udc00"}""", "'event_id' must be valid Unicode text")]
    [InlineData("""{"event_type":"a","occurred_at":"2024-05-01T10:00:00Z","source":"\udc00x"}""", "'source' must be valid Unicode text")]
    [InlineData("""{"detail-type":"Has Spaces","detail":{},"time":"2024-05-01T10:00:00Z"}""", "'detail-type' must be 1-128")]
    [InlineData("""{"Type":"Notification","Message":"not json"}""", "in the SNS notification's Message, the body is not valid JSON")]
    public void Bodies_that_break_the_contract_are_refused_with_a_reason(string body, string reason)
    {
        var ok = _parser.TryParse(Message(body), 0, _text, out _, out var error);

        Assert.False(ok);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_body_leaves_nothing_behind_in_the_text_arena()
    {
        var before = _text.Length;

        _parser.TryParse(Message("""{"event_type":"a","occurred_at":"2024-05-01T10:00:00Z","event_id":"long-id","x":1,"source":5}"""), 0, _text, out _, out _);

        Assert.Equal(before, _text.Length);
    }

    [Fact]
    public void A_body_of_exactly_the_limit_is_accepted_and_one_byte_more_is_not()
    {
        var body = """{"event_type":"a","occurred_at":"2024-05-01T10:00:00Z"}""";
        var parser = new EventParser(Encoding.UTF8.GetByteCount(body));

        Assert.True(parser.TryParse(Message(body), 0, _text, out _, out _));
        Assert.False(parser.TryParse(Message(body + " "), 0, _text, out _, out var error));
        Assert.Contains("MAX_BODY_BYTES", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_event_type_of_128_characters_is_accepted_and_129_is_not()
    {
        Assert.True(EventTypeName.IsValid(new string('a', 128)));
        Assert.False(EventTypeName.IsValid(new string('a', 129)));
        Assert.True(EventTypeName.IsValid("Order_Created-v2.1"));
        Assert.False(EventTypeName.IsValid("ordér"));
    }

    private AcceptedEvent Accept(string body)
    {
        var ok = _parser.TryParse(Message(body), 3, _text, out var accepted, out var error);
        Assert.True(ok, error);
        Assert.Equal(3, accepted.MessageIndex);
        return accepted;
    }

    private static SqsMessage Message(string body) => new("m-1", Encoding.UTF8.GetBytes(body), 1, null, null);
}
