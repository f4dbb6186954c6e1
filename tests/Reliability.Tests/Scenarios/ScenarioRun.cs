using DataPlatform.Reliability.Tests.Ledger;

namespace DataPlatform.Reliability.Tests.Scenarios;

/// <summary>Names that keep one scenario's events apart from the others' in the shared lake.</summary>
public static class ScenarioRun
{
    private static readonly string Run = Guid.NewGuid().ToString("N")[..6];

    /// <summary>An event type unique to this test run and scenario; the ledger lists the lake by it.</summary>
    public static string EventType(string scenario) => $"rel_{scenario}_{Run}";

    public static List<(string EventId, string Body, Destination Expected)> ValidEvents(string eventType, int count, int firstIndex = 0) =>
        Enumerable.Range(firstIndex, count).Select(i =>
        {
            var (id, body) = EventSender.ValidEvent(eventType, i);
            return (id, body, Destination.Lake);
        }).ToList();

    /// <summary>Events spread over <paramref name="types"/> event types sharing one prefix: mixed batches.</summary>
    public static List<(string EventId, string Body, Destination Expected)> MixedEvents(string prefix, int count, int types) =>
        Enumerable.Range(0, count).Select(i =>
        {
            var (id, body) = EventSender.ValidEvent($"{prefix}_t{i % types}", i);
            return (id, body, Destination.Lake);
        }).ToList();
}
