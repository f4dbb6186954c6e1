namespace DataPlatform.Build.Host;

/// <summary>A command-line option the build understands.</summary>
/// <param name="Name">Without dashes: <c>target</c> for <c>--target</c>.</param>
/// <param name="Description">One line for <c>--help</c>.</param>
/// <param name="ValueHint">What the value looks like; null for a switch (<c>--dryrun</c>).</param>
/// <param name="AllowedValues">When set, any other value is refused before work starts.</param>
public sealed record BuildFlag(
    string Name,
    string Description,
    string? ValueHint = null,
    IReadOnlyList<string>? AllowedValues = null,
    string? ShortName = null)
{
    public const string EnvironmentPrefix = "DATAPLATFORM_";

    public bool IsSwitch => ValueHint is null;

    /// <summary>The environment variable that supplies this flag when the command line does not.</summary>
    public string EnvironmentVariable => EnvironmentPrefix + Name.Replace('-', '_').ToUpperInvariant();
}
