using System.Text;
using DataPlatform.Processor.Events;
using DataPlatform.Processor.Events.Contract;
using DataPlatform.Processor.Events.Sqs;
using DataPlatform.Processor.Tests.Support;

namespace DataPlatform.Processor.Tests.Events.Contract;

/// <summary>
/// The scanner is only allowed to say "valid object, these members" when Utf8JsonReader would say
/// the same: every body here goes through the parser with and without it, and the outcomes
/// (accepted fields, or the quarantine reason) must be identical.
/// </summary>
public sealed class BodyScannerTests
{
    private static readonly string[] Tricky =
    [
        """{}""",
        """ { } """,
        "{\"event_type\":\"a\",\"occurred_at\":\"2024-05-01T10:00:00Z\"}\r\n\t ",
        """{"event_type":"a","occurred_at":"2024-05-01T10:00:00Z","payload":[]}""",
        """{"event_type":"a","occurred_at":"2024-05-01T10:00:00Z","payload":[1,-0,0.5,-1.25e+10,3E-2,true,false,null,"",{"":{}}]}""",
        """{"event_type":"a","occurred_at":"2024-05-01T10:00:00Z","x":"\"\\\/\b\f\n\r\t\u00e9\u20AC"}""",
        """{"event_type":"a","occurred_at":"2024-05-01T10:00:00Z","x":"\ud83d\ude00"}""",
        """{"event_type":"a","occurred_at":"2024-05-01T10:00:00Z","x":"\ud83d"}""",
        """{"event_\u0074ype":"a","occurred_at":"2024-05-01T10:00:00Z"}""",
        """{"event_type":"a","occurred_at":"2024-05-01T10:00:00Z","payload":{"a":1},"payload":{"b":2}}""",
        """{"event_type":"a","occurred_at":"2024-05-01T10:00:00Z","event_type":"b"}""",
        """{"Type":"Notification","Message":"{\"event_type\":\"a\",\"occurred_at\":\"2024-05-01T10:00:00Z\"}"}""",
        """{"detail-type":"a","time":"2024-05-01T10:00:00Z","id":"i","source":"s","detail":{"k":"v"}}""",
        """{"event_type":"a","occurred_at":"2024-05-01T10:00:00Z","n":01}""",
        """{"event_type":"a","occurred_at":"2024-05-01T10:00:00Z","n":1.}""",
        """{"event_type":"a","occurred_at":"2024-05-01T10:00:00Z","n":-}""",
        """{"event_type":"a","occurred_at":"2024-05-01T10:00:00Z","n":1e}""",
        """{"event_type":"a","occurred_at":"2024-05-01T10:00:00Z","n":+1}""",
        """{"event_type":"a","occurred_at":"2024-05-01T10:00:00Z","n":.5}""",
        """{"event_type":"a","occurred_at":"2024-05-01T10:00:00Z","n":tru}""",
        """{"event_type":"a","occurred_at":"2024-05-01T10:00:00Z","n":truex}""",
        """{"event_type":"a","occurred_at":"2024-05-01T10:00:00Z","n":NaN}""",
        """{"event_type":"a","occurred_at":"2024-05-01T10:00:00Z","s":"\x"}""",
        """{"event_type":"a","occurred_at":"2024-05-01T10:00:00Z","s":"\u12"}""",
        """{"event_type":"a","occurred_at":"2024-05-01T10:00:00Z","s":"\u12G4"}""",
        """{"event_type":"a","occurred_at":"2024-05-01T10:00:00Z",}""",
        """{"event_type":"a","occurred_at":"2024-05-01T10:00:00Z","a":[1,]}""",
        """{"event_type":"a","occurred_at":"2024-05-01T10:00:00Z","a":[1 2]}""",
        """{"event_type":"a","occurred_at":"2024-05-01T10:00:00Z","a":{"k" 1}}""",
        """{"event_type":"a","occurred_at":"2024-05-01T10:00:00Z","a":{k:1}}""",
        """{"event_type":"a","occurred_at":"2024-05-01T10:00:00Z"} x""",
        """{"event_type":"a","occurred_at":"2024-05-01T10:00:00Z"}{}""",
        """{"event_type":"a","occurred_at":"2024-05-01T10:00:00Z" /* c */}""",
        """{"event_type":"a","occurred_at":"2024-05-01T10:00:00Z","s":"unterminated}""",
        """{"event_type":"a","occurred_at":"2024-05-01T10:00:00Z","a":[[[[""",
        """{'event_type':'a'}""",
        """[{"event_type":"a"}]""",
        "\"just a string\"",
        "42",
        "{\"event_type\":\"a\",\"occurred_at\":\"2024-05-01T10:00:00Z\",\"s\":\"tab\there\"}",
        "{\"event_type\":\"a\",\"occurred_at\":\"2024-05-01T10:00:00Z\",\"s\":\"nul\u0000\"}",
        "{\"event_type\":\"a\",\"occurred_at\":\"2024-05-01T10:00:00Z\",\"s\":\"del\u007f é €\"}",
        "\uFEFF{\"event_type\":\"a\",\"occurred_at\":\"2024-05-01T10:00:00Z\"}",
        "{\"event_type\":\"a\",\"occurred_at\":\"2024-05-01T10:00:00Z\",\"deep\":" + new string('[', 31) + new string(']', 31) + "}",
        "{\"event_type\":\"a\",\"occurred_at\":\"2024-05-01T10:00:00Z\",\"deep\":" + new string('[', 40) + new string(']', 40) + "}",
        "{\"event_type\":\"a\",\"occurred_at\":\"2024-05-01T10:00:00Z\",\"deep\":" + new string('[', 70) + new string(']', 70) + "}",
        "{\"event_type\":\"a\",\"occurred_at\":\"2024-05-01T10:00:00Z\",\"long\":\"" + new string('x', 100) + "\\\"" + new string('y', 70) + "\"}",
    ];

    [Fact]
    public void The_scanner_and_the_reader_agree_on_tricky_bodies()
    {
        foreach (var body in Tricky)
        {
            AssertSameOutcome(Encoding.UTF8.GetBytes(body));
        }
    }

    [Fact]
    public void The_scanner_and_the_reader_agree_on_thousands_of_damaged_bodies()
    {
        // Damage valid bodies a byte at a time (JSON's structural bytes, digits, escapes, controls):
        // most of the results are invalid in some small way the scanner must not wave through.
        var random = new Random(20261129);
        byte[] alphabet = "{}[]\":,\\ 0123456789.-+eEtrufalsn\u0001x"u8.ToArray();
        var scannerAccepted = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var body = Encoding.UTF8.GetBytes(i % 7 == 0 ? SyntheticEvents.Broken(i) : SyntheticEvents.Valid(i)).ToList();
            for (var edits = random.Next(1, 3); edits > 0 && body.Count > 0; edits--)
            {
                var at = random.Next(body.Count);
                switch (random.Next(3))
                {
                    case 0: body[at] = alphabet[random.Next(alphabet.Length)]; break;
                    case 1: body.RemoveAt(at); break;
                    default: body.Insert(at, alphabet[random.Next(alphabet.Length)]); break;
                }
            }

            var bytes = body.ToArray();
            AssertSameOutcome(bytes);
            scannerAccepted += BodyScanner.TryScan(bytes, []) ? 1 : 0;
        }

        // Both kinds must be common, or the comparison proves little.
        Assert.InRange(scannerAccepted, 2_000, 18_000);
    }

    [Fact]
    public void The_scanner_passes_escaped_text_and_surrogates_as_the_reader_does()
    {
        // Python's json.dumps escapes every non-ASCII character, so these are common, not exotic.
        string[] escaped =
        [
            """{"event_type":"a","s":"caf\u00e9 \ud83d\ude00 \"q\" \\ \/"}""",
            """{"event_type":"a","s":"\ud83d"}""",
        ];
        foreach (var body in escaped)
        {
            Assert.True(BodyScanner.TryScan(Encoding.UTF8.GetBytes(body), []), body);
        }
    }

    [Fact]
    public void The_scanner_finds_the_members_of_ordinary_events_itself()
    {
        var properties = new List<BodyProperty>();
        for (var i = 0; i < 100; i++)
        {
            var body = Encoding.UTF8.GetBytes(SyntheticEvents.Valid(i));
            Assert.True(BodyScanner.TryScan(body, properties));
            Assert.Equal(
                [EventField.EventId, EventField.EventType, EventField.OccurredAt, EventField.Source, EventField.Payload, EventField.Other],
                properties.Select(p => p.Field));
            var payload = properties[4];
            Assert.Equal($$"""{"n":{{i}},"note":"item \"{{i}}\""}""", Encoding.UTF8.GetString(body[payload.ValueStart..payload.End]));
        }
    }

    [Fact]
    public void The_scanner_leaves_what_it_is_unsure_of_to_the_reader()
    {
        string[] unsure =
        [
            """{"event_\u0074ype":"a"}""",
            """{"n":01}""",
            """{"a":1,}""",
            "{\"s\":\"tab\there\"}",
            "{\"deep\":" + new string('[', 40) + new string(']', 40) + "}",
            "[1]",
        ];
        foreach (var body in unsure)
        {
            Assert.False(BodyScanner.TryScan(Encoding.UTF8.GetBytes(body), []), body);
        }
    }

    private static void AssertSameOutcome(byte[] body)
    {
        var message = new SqsMessage("m-1", body, 1, null, null);
        using var fastText = new TextArena(256);
        using var readerText = new TextArena(256);
        var fast = new EventParser(262_144).TryParse(message, 0, fastText, out var fastEvent, out var fastError);
        var reader = new EventParser(262_144) { FastScan = false }.TryParse(message, 0, readerText, out var readerEvent, out var readerError);

        var shown = Encoding.UTF8.GetString(body);
        Assert.True(reader == fast, $"reader {reader} ({readerError}), scanner {fast} ({fastError}): {shown}");
        Assert.True(readerError == fastError, $"reader '{readerError}', scanner '{fastError}': {shown}");
        if (fast)
        {
            Assert.Equal(readerEvent.EventType, fastEvent.EventType);
            Assert.Equal(readerEvent.OccurredAt, fastEvent.OccurredAt);
            Assert.Equal(readerText.ToString(readerEvent.EventId), fastText.ToString(fastEvent.EventId));
            Assert.Equal(readerText.ToString(readerEvent.Source), fastText.ToString(fastEvent.Source));
            Assert.Equal(readerText.ToString(readerEvent.Payload), fastText.ToString(fastEvent.Payload));
            Assert.Equal(readerText.ToString(readerEvent.Attributes), fastText.ToString(fastEvent.Attributes));
            Assert.Equal(readerEvent.Payload.IsNull, fastEvent.Payload.IsNull);
            Assert.Equal(readerEvent.Attributes.IsNull, fastEvent.Attributes.IsNull);
        }
    }
}
