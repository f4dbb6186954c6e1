using System.Globalization;

namespace DataPlatform.Operations.Tests.Reconcile;

/// <summary>Bodies for the tests: valid events of two types with known ids, and bodies the contract refuses.</summary>
public static class TestEvents
{
    public static string Valid(string run, int i) => string.Create(CultureInfo.InvariantCulture,
        $$$"""{"event_id":"{{{run}}}-{{{i:D4}}}","event_type":"{{{(i % 2 == 0 ? "order.created" : "order.paid")}}}","occurred_at":"{{{DateTimeOffset.UtcNow:yyyy-MM-dd'T'HH:mm:ss'Z'}}}","source":"tests","payload":{"n":{{{i}}}}}""");

    public static string Broken(int i) => string.Create(CultureInfo.InvariantCulture, $"not json {i}");
}
