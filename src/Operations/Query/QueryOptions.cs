namespace DataPlatform.Operations.Query;

/// <summary>
/// Where a query's rows go besides the screen (a .csv or .parquet file) and from which day on the lake is
/// read (partitions with an earlier <c>dt</c> are not fetched; null reads every day).
/// </summary>
public sealed record QueryOptions(string? OutputFile = null, DateOnly? FromDate = null);
