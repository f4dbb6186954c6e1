namespace DataPlatform.Processor.Configuration;

/// <summary>
/// A setting the function cannot start with. The message names the variable, what was wrong and
/// what to do, because it is the one line an operator sees in the cold-start log.
/// </summary>
public sealed class ConfigurationException(string variable, string message) : Exception(message)
{
    public string Variable { get; } = variable;
}
