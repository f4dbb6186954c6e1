namespace DataPlatform.Operations.Query;

/// <summary>Rows of a query (at most the display limit) and how many it returned in all.</summary>
public sealed record QueryResult(IReadOnlyList<QueryColumn> Columns, IReadOnlyList<object?[]> Rows, long TotalRows);
