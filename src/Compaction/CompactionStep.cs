namespace DataPlatform.Compaction;

/// <summary>The durable steps of compacting one hour, in the order they happen.</summary>
public enum CompactionStep
{
    PartWritten,
    StalePartsRemoved,
    InputsWritten,
    WatermarkMoved,

    /// <summary>A late part of an hour below the watermark (docs/compaction.md, "Late files").</summary>
    LatePartWritten,

    /// <summary>The inputs list of an hour's late files, after its parts.</summary>
    LateInputsWritten,
}
