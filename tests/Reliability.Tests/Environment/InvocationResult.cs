namespace DataPlatform.Reliability.Tests.Environment;

/// <summary>What one invocation answered, and how long the handler took to answer it.</summary>
public sealed record InvocationResult(TimeSpan Answered, IReadOnlySet<string> FailedIds, int Messages);
