namespace DataPlatform.Compaction;

/// <summary>The durable steps of compacting one hour, in the order they happen.</summary>
public enum CompactionStep
{
    PartWritten,
    StalePartsRemoved,
    InputsWritten,
    WatermarkMoved,
}
