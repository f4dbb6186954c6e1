namespace DataPlatform.Compaction;

/// <summary>A compaction setting that cannot be used; the message names the variable and says what to set.</summary>
public sealed class CompactionConfigurationException(string variable, string message) : Exception(message)
{
    public string Variable { get; } = variable;
}
