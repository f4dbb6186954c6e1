using DataPlatform.Processor.Lake;

namespace DataPlatform.Processor.Tests.Lake;

public sealed class LakeNamingTests
{
    [Fact]
    public void Partition_paths_are_hive_style_with_zero_padded_hours()
    {
        var key = PartitionKey.For("order.created", new DateTime(2024, 1, 2, 3, 59, 59, DateTimeKind.Utc));

        Assert.Equal("event_type=order.created/dt=2024-01-02/hour=03/", key.Path);
        Assert.Equal("raw/events/event_type=order.created/dt=2024-01-02/hour=03/part-x.parquet", new LakeKeys("raw/").Event(key, "part-x.parquet"));
        Assert.Equal("quarantine/dt=2024-01-02/part-x.parquet", new LakeKeys("").Quarantine(key.Date, "part-x.parquet"));
        Assert.Equal("raw/canaries/event_type=_canary/dt=2024-01-02/hour=03/part-x.parquet",
            new LakeKeys("raw/").Event(key with { EventType = LakeKeys.CanaryEventType }, "part-x.parquet"));
    }

    [Fact]
    public void Partition_times_must_be_utc()
    {
        Assert.Throws<ArgumentException>(() => PartitionKey.For("a", new DateTime(2024, 1, 2, 3, 0, 0, DateTimeKind.Local)));
    }

    [Fact]
    public void Object_names_depend_on_the_set_of_message_ids_not_their_order()
    {
        var name = ObjectName.ForMessages(["b", "a", "c"]);

        Assert.Equal(name, ObjectName.ForMessages(["c", "b", "a"]));
        Assert.NotEqual(name, ObjectName.ForMessages(["a", "b"]));
        Assert.NotEqual(ObjectName.ForMessages(["ab", "c"]), ObjectName.ForMessages(["a", "bc"]));
        Assert.Matches("^part-[0-9a-f]{32}\\.parquet$", name);
    }

    [Fact]
    public void Object_names_stay_the_same_across_versions()
    {
        // A batch written before an upgrade and redelivered after it must overwrite its own
        // object: the name is SHA-256 over the sorted ids, each followed by a newline.
        Assert.Equal("part-880553fca8fcea94e325ee2cfb48e5a9.parquet", ObjectName.ForMessages(["b", "c", "a"]));
    }
}
