using System.Text.Json;
using System.Text.RegularExpressions;

namespace DataPlatform.Deployment.Environments;

/// <summary>
/// One environment: <c>terraform/environments/&lt;name&gt;.tfvars</c>, read once, and its
/// <c>&lt;name&gt;.backend.hcl</c> when it has one (real accounts keep their state in S3).
/// </summary>
/// <param name="Values">Every value the file sets, build-only keys included.</param>
/// <param name="BackendFile">The S3 backend settings; null keeps state in files under the state folder.</param>
public sealed partial record EnvironmentSettings(string Name, string VariablesFile, string? BackendFile, IReadOnlyDictionary<string, JsonElement> Values)
{
    /// <summary>The build-only key that says "deploy to an emulator this build starts on this machine".</summary>
    public const string EmbeddedEmulatorKey = "embedded_emulator";

    /// <summary>Keys the build reads and no stack declares.</summary>
    public static IReadOnlySet<string> BuildOnlyKeys { get; } = new HashSet<string>(StringComparer.Ordinal) { EmbeddedEmulatorKey };

    /// <summary>The region the file pins (prod must not follow whatever AWS_REGION a shell has); null when it sets none.</summary>
    public string? Region => Values.TryGetValue("region", out var region) && region.ValueKind == JsonValueKind.String ? region.GetString() : null;

    /// <summary>Deployed to a moto server the build starts on this machine, with state in local files.</summary>
    public bool UsesEmbeddedEmulator => Values.TryGetValue(EmbeddedEmulatorKey, out var on) && on.ValueKind == JsonValueKind.True;

    /// <summary>The values stacks may declare: everything but the build-only keys.</summary>
    public IEnumerable<KeyValuePair<string, JsonElement>> StackValues => Values.Where(v => !BuildOnlyKeys.Contains(v.Key));

    /// <summary>The names of the environments in <paramref name="folder"/> (its tfvars files).</summary>
    public static IReadOnlyList<string> Names(string folder) =>
        Directory.Exists(folder)
            ? [.. Directory.EnumerateFiles(folder, "*.tfvars").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal)]
            : [];

    /// <summary>Reads <c>&lt;folder&gt;/&lt;name&gt;.tfvars</c> and checks it describes the environment it is named for.</summary>
    /// <exception cref="EnvironmentNotFoundException">No such file, or a name that cannot be one.</exception>
    /// <exception cref="TfvarsFormatException">The file does not read, or its <c>environment</c> is another name.</exception>
    public static EnvironmentSettings Load(string folder, string name)
    {
        var file = Path.Combine(folder, $"{name}.tfvars");
        if (!ValidName().IsMatch(name) || !File.Exists(file))
        {
            throw new EnvironmentNotFoundException(name, Names(folder));
        }

        var shown = Path.Combine(Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(file))) ?? "", Path.GetFileName(file));
        var values = TfvarsReader.Read(File.ReadAllText(file), shown);
        var declared = values.TryGetValue("environment", out var environment) && environment.ValueKind == JsonValueKind.String ? environment.GetString() : null;
        if (declared != name)
        {
            // A copied file that still says environment = "dev" would name (and tag) its resources as dev's.
            throw new TfvarsFormatException(
                $"{shown} sets environment = {(declared is null ? "nothing" : $"\"{declared}\"")}, but the file is named for '{name}'. " +
                $"An environment file describes the environment it is named for: set environment = \"{name}\" in it (and a name_prefix of its own).");
        }

        var backend = Path.Combine(folder, $"{name}.backend.hcl");
        return new EnvironmentSettings(name, Path.GetFullPath(file), File.Exists(backend) ? Path.GetFullPath(backend) : null, values);
    }

    [GeneratedRegex(@"^[a-z0-9][a-z0-9_-]{0,30}$")]
    private static partial Regex ValidName();
}
