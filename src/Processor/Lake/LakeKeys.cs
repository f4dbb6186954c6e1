using System.Globalization;

namespace DataPlatform.Processor.Lake;

/// <summary>The tables' key layouts under the configured prefix.</summary>
public sealed class LakeKeys(string prefix)
{
    /// <summary>
    /// The event type of the build's Verify canaries. They land under <see cref="CanariesRoot"/>, in the
    /// events table's layout, so a deployment can be proven end to end without its test events
    /// showing up in what analysts query (the catalog and the documented DuckDB path read events/).
    /// </summary>
    public const string CanaryEventType = "_canary";

    public string Prefix { get; } = prefix;

    public string EventsRoot => Prefix + "events/";

    public string CanariesRoot => Prefix + "canaries/";

    public string QuarantineRoot => Prefix + "quarantine/";

    public string Event(PartitionKey partition, string objectName) =>
        (partition.EventType == CanaryEventType ? CanariesRoot : EventsRoot) + partition.Path + objectName;

    public string Quarantine(DateOnly date, string objectName) =>
        string.Create(CultureInfo.InvariantCulture, $"{QuarantineRoot}dt={date:yyyy-MM-dd}/{objectName}");
}
