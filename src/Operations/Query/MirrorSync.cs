namespace DataPlatform.Operations.Query;

/// <summary>How far a <see cref="LakeMirror"/> sync got: objects in the table, to fetch, fetched, and their bytes.</summary>
public sealed record MirrorSync(string Table, int Objects, int ToFetch, int Fetched, long BytesToFetch);
