namespace DataPlatform.Operations.Query;

/// <summary>
/// A view over lake tables rather than over files: <c>events_exactly_once</c>, and <c>events</c>, which is the same
/// view under the name a user reaches for first (each event once is what "the events" means; the files as they landed,
/// duplicates included, are <c>events_raw</c>). <see cref="Tables"/> is the order they must be fetched in for the view
/// to be right at any instant of a compaction: the watermark first, then the inputs lists and compacted parts of the
/// hours before it, then the raw files (docs/compaction.md explains why).
/// </summary>
public sealed record LakeView(string Name, IReadOnlyList<LakeTable> Tables)
{
    public static LakeView ExactlyOnce { get; } = new("events_exactly_once",
        [LakeTable.CompactionWatermark, LakeTable.CompactionInputs, LakeTable.Compacted, LakeTable.Events]);

    public static LakeView Events { get; } = ExactlyOnce with { Name = "events" };

    public static IReadOnlyList<LakeView> All { get; } = [ExactlyOnce, Events];

    /// <summary>The DuckDB statement that creates the view over the cache.</summary>
    public string CreateDuckDb(string cacheDirectory) =>
        $"CREATE VIEW {Name} AS {ExactlyOnceSql.Select(LakeSqlDialect.DuckDb(cacheDirectory))}";
}
