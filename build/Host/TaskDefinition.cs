namespace DataPlatform.Build.Host;

/// <summary>A task class as the graph sees it.</summary>
public sealed record TaskDefinition(string Name, string Description, Type Type, IReadOnlyList<string> Dependencies);
