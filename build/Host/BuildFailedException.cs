namespace DataPlatform.Build.Host;

/// <summary>A task failed for a reason it has already explained; the host prints the message without a stack trace.</summary>
public sealed class BuildFailedException(string message, Exception? inner = null) : Exception(message, inner);
