using System.Globalization;

namespace DataPlatform.Processor.Lake;

/// <summary>
/// A Hive-style partition of the events table: <c>event_type=…/dt=YYYY-MM-DD/hour=HH</c>, the
/// layout Athena, Spark and DuckDB (<c>hive_partitioning</c>) discover without a catalog.
/// </summary>
public readonly record struct PartitionKey(string EventType, DateOnly Date, int Hour)
{
    public static PartitionKey For(string eventType, DateTime utc)
    {
        if (utc.Kind != DateTimeKind.Utc)
        {
            throw new ArgumentException("Partition times must be UTC so that every writer agrees on the hour.", nameof(utc));
        }

        return new PartitionKey(eventType, DateOnly.FromDateTime(utc), utc.Hour);
    }

    /// <summary>The folder under <c>&lt;prefix&gt;events/</c>, ending in '/'.</summary>
    public string Path =>
        string.Create(CultureInfo.InvariantCulture, $"event_type={EventType}/dt={Date:yyyy-MM-dd}/hour={Hour:00}/");

    public override string ToString() => Path;
}
