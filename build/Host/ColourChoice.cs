namespace DataPlatform.Build.Host;

/// <summary>
/// Whether the build's output may carry colour: only when a person is reading a terminal. Output
/// to a file or a pipe (CI logs, <c>./build.sh &gt; f</c>, <c>| tee</c>) stays plain text, and
/// <c>NO_COLOR</c> (https://no-color.org) and <c>TERM=dumb</c> turn colour off on a terminal too.
/// Cake decides from TERM and NO_COLOR alone, so it colours a redirected stream.
/// </summary>
public static class ColourChoice
{
    /// <summary>
    /// Both streams must be terminals: Cake writes warnings and errors to stderr with the same
    /// colours, and <c>2&gt;build.log</c> is a file too.
    /// </summary>
    public static bool IsWanted(bool outputRedirected, bool errorRedirected, string? noColor, string? term) =>
        !outputRedirected
        && !errorRedirected
        && string.IsNullOrEmpty(noColor)
        && !string.Equals(term, "dumb", StringComparison.Ordinal);

    /// <summary>The choice for this process's own streams and environment.</summary>
    public static bool ForThisProcess() =>
        IsWanted(
            Console.IsOutputRedirected,
            Console.IsErrorRedirected,
            Environment.GetEnvironmentVariable("NO_COLOR"),
            Environment.GetEnvironmentVariable("TERM"));
}
