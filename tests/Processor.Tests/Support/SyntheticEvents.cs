using System.Globalization;

namespace DataPlatform.Processor.Tests.Support;

/// <summary>Deterministic test bodies: valid events across several types, and a few broken ones.</summary>
public static class SyntheticEvents
{
    public static readonly string[] Types = ["order.created", "order.paid", "user.signed_up", "page.view", "cart.updated", "search.performed"];

    public static string Valid(int i) =>
        $$"""{"event_id":"ev-{{i:D6}}","event_type":"{{Types[i % Types.Length]}}","occurred_at":"2024-05-01T{{i % 24:D2}}:{{i % 60:D2}}:00Z","source":"tests","payload":{"n":{{i}},"note":"item \"{{i}}\""},"tenant":"t{{i % 3}}"}""";

    public static string Broken(int i) => (i % 3) switch
    {
        0 => "not json " + i.ToString(CultureInfo.InvariantCulture),
        1 => $$"""{"event_type":"x","note":{{i}}}""",
        _ => $$"""{"event_type":"bad type {{i}}","occurred_at":"2024-05-01T00:00:00Z"}""",
    };
}
