using System.Globalization;

namespace DataPlatform.Processor.Lake;

/// <summary>The two tables' key layouts under the configured prefix.</summary>
public sealed class LakeKeys(string prefix)
{
    public string Prefix { get; } = prefix;

    public string EventsRoot => Prefix + "events/";

    public string QuarantineRoot => Prefix + "quarantine/";

    public string Event(PartitionKey partition, string objectName) => EventsRoot + partition.Path + objectName;

    public string Quarantine(DateOnly date, string objectName) =>
        string.Create(CultureInfo.InvariantCulture, $"{QuarantineRoot}dt={date:yyyy-MM-dd}/{objectName}");
}
