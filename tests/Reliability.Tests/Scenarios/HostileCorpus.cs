using DataPlatform.Reliability.Tests.Ledger;

namespace DataPlatform.Reliability.Tests.Scenarios;

/// <summary>
/// Bodies a producer (or an attacker) could put on the queue. Each kind has a name, a body and
/// where the contract (docs/events.md) says it must end. <paramref name="EventTypeMarker"/> is the
/// scenario's event type, so that the few kinds that are valid land in the scenario's partition.
/// </summary>
public static class HostileCorpus
{
    public static List<(string Kind, string Body, Destination Expected)> Build(string eventType)
    {
        const string Now = "2024-05-01T12:30:00Z";
        string Event(string type = "\"T\"", string occurred = "\"" + Now + "\"", string extra = "") =>
            "{\"event_type\":" + type.Replace("T", eventType, StringComparison.Ordinal) + ",\"occurred_at\":" + occurred + extra + "}";
        var q = Destination.Quarantine;
        var deep = new string('[', 1000) + new string(']', 1000);
        return
        [
            ("not_json", "hello, world", q),
            ("truncated", Event()[..25], q),
            ("empty", "", q),
            ("whitespace_only", " \n\t\r ", q),
            ("json_array", "[1,2,3]", q),
            ("array_of_events", "[" + Event() + "]", q),
            ("scalar_number", "42", q),
            ("scalar_string", "\"event\"", q),
            ("scalar_null", "null", q),
            ("scalar_true", "true", q),
            ("empty_object", "{}", q),
            ("missing_event_type", "{\"occurred_at\":\"" + Now + "\"}", q),
            ("missing_occurred_at", "{\"event_type\":\"" + eventType + "\"}", q),
            ("event_type_number", Event(type: "7"), q),
            ("event_type_null", Event(type: "null"), q),
            ("event_type_object", Event(type: "{\"a\":1}"), q),
            ("event_type_array", Event(type: "[\"T\"]"), q),
            ("event_type_bool", Event(type: "false"), q),
            ("occurred_at_number", Event(occurred: "1714566600"), q),
            ("occurred_at_null", Event(occurred: "null"), q),
            ("occurred_at_object", Event(occurred: "{}"), q),
            ("event_id_number", Event(extra: ",\"event_id\":12"), q),
            ("event_id_empty", Event(extra: ",\"event_id\":\"\""), q),
            ("event_id_object", Event(extra: ",\"event_id\":{\"id\":1}"), q),
            ("source_number", Event(extra: ",\"source\":5"), q),
            ("source_object", Event(extra: ",\"source\":{\"s\":1}"), q),
            // SQS refuses bodies over 256 KiB (MAX_BODY_BYTES defaults to that), so the largest
            // deliverable body is sent, broken so that the whole of it must be kept in quarantine.
            ("huge_body_250k_without_event_type", "{\"occurred_at\":\"" + Now + "\",\"payload\":\"" + new string('x', 250_000) + "\"}", q),
            ("deep_nesting_1000", Event(extra: ",\"payload\":" + deep), q),
            ("lone_high_surrogate_in_event_type", Event(type: "\"T\\ud800\""), q),
            ("lone_low_surrogate_in_event_id", Event(extra: ",\"event_id\":\"id\\udc00\""), q),
            ("nul_escaped_in_event_type", Event(type: "\"T\\u0000x\""), q),
            ("nul_raw_in_string", Event(extra: ",\"source\":\"a\0b\""), q),
            ("replacement_char_in_event_type", Event(type: "\"T\uFFFD\""), q),
            ("duplicate_event_type_key", "{\"event_type\":\"" + eventType + "\",\"event_type\":\"other\",\"occurred_at\":\"" + Now + "\"}", q),
            ("occurred_at_without_offset", Event(occurred: "\"2024-05-01T12:30:00\""), q),
            ("occurred_at_date_only", Event(occurred: "\"2024-05-01\""), q),
            ("occurred_at_year_0", Event(occurred: "\"0000-01-01T00:00:00Z\""), q),
            ("occurred_at_year_10000", Event(occurred: "\"10000-01-01T00:00:00Z\""), q),
            ("occurred_at_month_13", Event(occurred: "\"2024-13-01T00:00:00Z\""), q),
            ("occurred_at_feb_30", Event(occurred: "\"2024-02-30T00:00:00Z\""), q),
            ("occurred_at_offset_25h", Event(occurred: "\"2024-05-01T12:30:00+25:00\""), q),
            ("occurred_at_words", Event(occurred: "\"yesterday\""), q),
            ("event_type_dotdot_slash", Event(type: "\"../../T\""), q),
            ("event_type_slash", Event(type: "\"T/x\""), q),
            ("event_type_equals", Event(type: "\"T=x\""), q),
            ("event_type_partition_injection", Event(type: "\"T/dt=1999-01-01/hour=00\""), q),
            ("event_type_backslash", Event(type: "\"..\\\\T\""), q),
            ("event_type_percent_encoded_slash", Event(type: "\"T%2F..\""), q),
            ("event_type_too_long", Event(type: "\"" + new string('a', 129) + "\""), q),
            ("event_type_empty", Event(type: "\"\""), q),
            ("event_type_space", Event(type: "\"T x\""), q),
            ("event_type_non_ascii", Event(type: "\"Tcafé\""), q),
            ("trailing_garbage", Event() + " trailing", q),
            ("two_objects", Event() + Event(), q),
            ("sns_inner_not_json", "{\"Type\":\"Notification\",\"MessageId\":\"m\",\"Message\":\"{not json\"}", q),
            ("sns_message_not_string", "{\"Type\":\"Notification\",\"Message\":" + Event() + "}", q),
            ("sns_inner_missing_event_type", "{\"Type\":\"Notification\",\"Message\":\"{\\\"occurred_at\\\":\\\"" + Now + "\\\"}\"}", q),
            ("sns_inner_event_type_traversal", "{\"Type\":\"Notification\",\"Message\":\"{\\\"event_type\\\":\\\"../x\\\",\\\"occurred_at\\\":\\\"" + Now + "\\\"}\"}", q),
            ("sns_inside_sns", "{\"Type\":\"Notification\",\"Message\":\"{\\\"Type\\\":\\\"Notification\\\",\\\"Message\\\":\\\"{}\\\"}\"}", q),
            ("eventbridge_detail_type_with_spaces", "{\"detail-type\":\"Order Placed\",\"detail\":{},\"time\":\"" + Now + "\",\"id\":\"e1\",\"source\":\"s\"}", q),
            ("eventbridge_detail_type_traversal", "{\"detail-type\":\"../../x\",\"detail\":{},\"time\":\"" + Now + "\",\"id\":\"e2\",\"source\":\"s\"}", q),
            ("eventbridge_missing_time", "{\"detail-type\":\"" + eventType + "\",\"detail\":{},\"id\":\"e3\",\"source\":\"s\"}", q),
            ("eventbridge_time_without_offset", "{\"detail-type\":\"" + eventType + "\",\"detail\":{},\"time\":\"2024-05-01T12:30:00\",\"id\":\"e4\"}", q),
            ("eventbridge_detail_type_number", "{\"detail-type\":3,\"detail\":{},\"time\":\"" + Now + "\",\"id\":\"e5\"}", q),
        ];
    }
}
