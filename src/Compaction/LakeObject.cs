namespace DataPlatform.Compaction;

/// <summary>One object of a listing.</summary>
public sealed record LakeObject(string Key, long Size);
