using System.Collections;
using DataPlatform.Build.Host;
using DataPlatform.Deployment.Environments;

namespace DataPlatform.Build;

/// <summary>The environment a deploy goes to, resolved once from flags, environment variables and its tfvars.</summary>
public sealed record DeploymentTarget(EnvironmentSettings Settings, string Region, string? Profile, Uri? EndpointUrl)
{
    public const string DefaultEnvironment = "local";

    public const string DefaultRegion = "us-east-1";

    public string Name => Settings.Name;

    /// <summary>Deployed to a moto server this build starts on this machine (<c>embedded_emulator = true</c> in its tfvars).</summary>
    public bool UsesEmbeddedEmulator => Settings.UsesEmbeddedEmulator;

    public static DeploymentTarget Resolve(string repositoryRoot, BuildArguments arguments, IDictionary environment)
    {
        var name = arguments.Get("env", DefaultEnvironment);
        var folder = Path.Combine(repositoryRoot, "terraform", "environments");
        EnvironmentSettings settings;
        try
        {
            settings = EnvironmentSettings.Load(folder, name);
        }
        catch (EnvironmentNotFoundException missing)
        {
            var hint = Suggestions.Closest(name, missing.Known);
            throw new BuildUsageException(
                missing.Message + (hint is null ? "" : $" Did you mean '{hint}'?") + System.Environment.NewLine +
                $"Environments: {string.Join(", ", missing.Known)}. To add one, copy dev.tfvars and dev.backend.hcl to {name}.tfvars and {name}.backend.hcl.");
        }
        catch (TfvarsFormatException invalid)
        {
            throw new BuildUsageException(invalid.Message);
        }

        if (settings.BackendFile is null && !settings.UsesEmbeddedEmulator)
        {
            throw new BuildUsageException(
                $"terraform/environments/{name}.tfvars is a real account (it does not set {EnvironmentSettings.EmbeddedEmulatorKey} = true), " +
                $"but there is no {name}.backend.hcl to say where its Terraform state lives. Copy dev.backend.hcl to {name}.backend.hcl and name a state bucket you own.");
        }

        // The environment's file pins its region (prod must not follow whatever AWS_REGION a shell
        // has); the flag overrides it on purpose, and the build passes it on to every stack.
        var region = arguments.Get("region")
            ?? settings.Region
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

        return new DeploymentTarget(settings, region, profile, endpointUrl);
    }

    private static string? Read(IDictionary environment, string name) =>
        environment[name] is string value && value.Length > 0 ? value : null;
}
