namespace DataPlatform.Processor.Tests.Support;

/// <summary>
/// Sets process-wide variables for one test and puts the old values back on dispose. The AWS SDK
/// reads AWS_ENDPOINT_URL from the process, so a value one test leaves behind redirects another
/// test's clients; tests that use this share <see cref="MotoCollection"/>, which runs them one at a time.
/// </summary>
public sealed class ProcessEnvironment : IDisposable
{
    private readonly Dictionary<string, string?> _previous = new(StringComparer.Ordinal);

    private ProcessEnvironment(IEnumerable<KeyValuePair<string, string?>> values)
    {
        foreach (var (name, value) in values)
        {
            _previous.TryAdd(name, Environment.GetEnvironmentVariable(name));
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    /// <summary>The variables a Lambda runtime would give the function on the emulator.</summary>
    public static ProcessEnvironment Set(IReadOnlyDictionary<string, string> values) =>
        new(values.Select(kv => KeyValuePair.Create(kv.Key, (string?)kv.Value)));

    /// <summary>Removes <paramref name="names"/> for the test's duration.</summary>
    public static ProcessEnvironment Without(params string[] names) =>
        new(names.Select(name => KeyValuePair.Create(name, (string?)null)));

    public void Dispose()
    {
        foreach (var (name, value) in _previous)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }
}
