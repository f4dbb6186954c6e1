namespace DataPlatform.Build.Host;

/// <summary>The command line asked for something that does not exist; nothing has run yet.</summary>
public sealed class BuildUsageException(string message) : Exception(message);
