namespace DataPlatform.Compaction;

/// <summary>A row of an hour: which of its raw files, which row of that file.</summary>
public readonly record struct RowRef(int File, int Row);
