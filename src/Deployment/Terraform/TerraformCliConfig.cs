namespace DataPlatform.Deployment.Terraform;

/// <summary>
/// Makes <c>terraform init</c> work without a network where the AWS provider sits in a local
/// filesystem mirror, and changes nothing for users whose Terraform downloads providers itself.
/// </summary>
public static class TerraformCliConfig
{
    /// <summary>Names a mirror folder explicitly (laid out <c>registry.terraform.io/hashicorp/aws/…</c>).</summary>
    public const string MirrorVariable = "TF_PROVIDER_MIRROR";

    private static readonly string[] WellKnownMirrors =
    [
        "/opt/tf-plugins",
        "/usr/local/share/terraform/plugins",
        "/usr/share/terraform/plugins",
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".terraform.d", "plugins"),
    ];

    /// <summary>
    /// The environment variables to add to every terraform process. Empty when the user's own CLI
    /// configuration exists (it is theirs to keep) or when no mirror is present (providers download).
    /// Otherwise a CLI configuration that installs hashicorp providers from the mirror is written
    /// into <paramref name="workDirectory"/> and named by <c>TF_CLI_CONFIG_FILE</c>.
    /// </summary>
    public static IReadOnlyDictionary<string, string> OfflineEnvironment(string workDirectory)
    {
        if (HasUsableUserConfig())
        {
            return new Dictionary<string, string>();
        }

        var mirror = FindProviderMirror();
        if (mirror is null)
        {
            return new Dictionary<string, string>();
        }

        Directory.CreateDirectory(workDirectory);
        var path = Path.Combine(workDirectory, "terraform.tfrc");
        var content = Render(mirror);
        if (!File.Exists(path) || File.ReadAllText(path) != content)
        {
            File.WriteAllText(path, content);
        }

        return new Dictionary<string, string> { ["TF_CLI_CONFIG_FILE"] = path };
    }

    /// <summary>The first mirror folder that holds the hashicorp/aws provider, or null.</summary>
    public static string? FindProviderMirror()
    {
        var configured = Environment.GetEnvironmentVariable(MirrorVariable);
        var candidates = string.IsNullOrEmpty(configured) ? WellKnownMirrors : [configured, .. WellKnownMirrors];
        return candidates.FirstOrDefault(dir =>
            Directory.Exists(Path.Combine(dir, "registry.terraform.io", "hashicorp", "aws")));
    }

    public static string Render(string mirror) =>
        $$"""
        # Written by the Data Platform kit: install hashicorp providers from the local mirror
        # below instead of the public registry (this machine has the mirror, not the network).
        provider_installation {
          filesystem_mirror {
            path    = "{{mirror.Replace("\\", "/")}}"
            include = ["registry.terraform.io/hashicorp/*"]
          }
          direct {
            exclude = ["registry.terraform.io/hashicorp/*"]
          }
        }

        """;

    private static bool HasUsableUserConfig()
    {
        var named = Environment.GetEnvironmentVariable("TF_CLI_CONFIG_FILE");
        if (!string.IsNullOrEmpty(named))
        {
            return File.Exists(named);
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return File.Exists(Path.Combine(home, ".terraformrc"))
            || File.Exists(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "terraform.rc"));
    }
}
