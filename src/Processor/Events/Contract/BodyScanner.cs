using System.Text.Json;
using DataPlatform.Processor.Events.Json;

namespace DataPlatform.Processor.Events.Contract;

/// <summary>
/// The hot path for checking a body: validates it and finds its top-level members in one pass
/// (<see cref="JsonSkipper"/>), where Utf8JsonReader goes token by token through the whole payload
/// only to skip it (its share of a batch: bench/README.md). The scanner only answers "yes, this is a JSON
/// object, here are its members" or "not sure": anything it does not expect (escaped member names
/// at the top level, deep nesting, any syntax error) makes it give up, and
/// <see cref="BodyMembers"/> asks Utf8JsonReader, which gives the exact error. So it must never
/// accept what Utf8JsonReader refuses, and a test compares the two.
/// The body must be valid UTF-8: the SQS event readers check every body before it gets here.
/// </summary>
internal static class BodyScanner
{
    /// <summary>Fills <paramref name="properties"/> with the body's top-level members, or returns false.</summary>
    public static bool TryScan(ReadOnlySpan<byte> body, List<BodyProperty> properties)
    {
        properties.Clear();
        var members = new TopLevelMembers(properties);
        var end = JsonSkipper.ObjectEnd(body, JsonBytes.SkipWhitespace(body, 0), 0, ref members);
        return end >= 0 && JsonBytes.SkipWhitespace(body, end) == body.Length;
    }

    /// <summary>Records each top-level member, classified by name.</summary>
    private readonly struct TopLevelMembers(List<BodyProperty> properties) : IJsonMemberSink
    {
        public static bool Reports => true;

        public void Add(ReadOnlySpan<byte> name, int nameStart, int valueStart, int end, JsonTokenType valueType) =>
            properties.Add(new BodyProperty(EventFieldNames.Classify(name), nameStart, valueStart, end, valueType));
    }
}
