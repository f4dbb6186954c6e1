using System.Collections;
using System.Text.RegularExpressions;
using DataPlatform.Build.Host;
using DataPlatform.Deployment.Terraform;

namespace DataPlatform.Build;

/// <summary>The environment a deploy goes to, resolved once from flags, environment variables and its tfvars.</summary>
public sealed partial record DeploymentTarget(string Name, string Region, string? Profile, Uri? EndpointUrl, string VariablesFile)
{
    public const string DefaultRegion = "us-east-1";

    /// <summary>The embedded local environment: an emulator on this machine, state in files.</summary>
    public bool IsLocal => Name == StackWorkspace.LocalEnvironment;

    public static DeploymentTarget Resolve(string repositoryRoot, BuildArguments arguments, IDictionary environment)
    {
        var name = arguments.Get("env", StackWorkspace.LocalEnvironment);
        var folder = Path.Combine(repositoryRoot, "terraform", "environments");
        var file = Path.Combine(folder, $"{name}.tfvars");
        if (!ValidName().IsMatch(name) || !File.Exists(file))
        {
            var known = Directory.Exists(folder)
                ? Directory.EnumerateFiles(folder, "*.tfvars").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order().ToList()
                : [];
            var hint = Suggestions.Closest(name, known);
            throw new BuildUsageException(
                $"There is no environment named '{name}': terraform/environments/{name}.tfvars does not exist." +
                (hint is null ? "" : $" Did you mean '{hint}'?") + System.Environment.NewLine +
                $"Environments: {string.Join(", ", known)}. To add one, copy dev.tfvars and dev.backend.hcl to {name}.tfvars and {name}.backend.hcl.");
        }

        // The environment's file pins its region (prod must not follow whatever AWS_REGION a shell
        // has); the flag overrides it on purpose, and the build passes it on to every stack.
        var region = arguments.Get("region")
            ?? RegionIn(file)
            ?? Read(environment, "AWS_REGION")
            ?? Read(environment, "AWS_DEFAULT_REGION")
            ?? DefaultRegion;
        var profile = arguments.Get("profile") ?? Read(environment, "AWS_PROFILE");
        var endpoint = Read(environment, "AWS_ENDPOINT_URL");
        Uri? endpointUrl = null;
        if (endpoint is not null && !Uri.TryCreate(endpoint, UriKind.Absolute, out endpointUrl))
        {
            throw new BuildUsageException($"AWS_ENDPOINT_URL='{endpoint}' is not an absolute URL such as http://127.0.0.1:5000.");
        }

        return new DeploymentTarget(name, region, profile, endpointUrl, file);
    }

    private static string? Read(IDictionary environment, string name) =>
        environment[name] is string value && value.Length > 0 ? value : null;

    private static string? RegionIn(string tfvars)
    {
        var match = RegionLine().Match(File.ReadAllText(tfvars));
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex(@"^[a-z0-9][a-z0-9_-]{0,30}$")]
    private static partial Regex ValidName();

    [GeneratedRegex(@"^\s*region\s*=\s*""([a-z0-9-]+)""", RegexOptions.Multiline)]
    private static partial Regex RegionLine();
}
