using System.Text.RegularExpressions;
using DataPlatform.Infrastructure.Tests.Terraform;

namespace DataPlatform.Infrastructure.Tests;

/// <summary>
/// The Terraform version the kit asks for is derived from what its configuration uses, so a new
/// feature cannot slip in under an old floor (dev/prod's use_lockfile once did: init failed on the
/// 1.5–1.9 every root still accepted).
/// </summary>
public sealed partial class TerraformFloorTests
{
    private static IEnumerable<string> ConfigurationFiles() =>
        Directory.EnumerateFiles(RepositoryLayout.TerraformDirectory, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".tf", StringComparison.Ordinal) || f.EndsWith(".hcl", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}.terraform", StringComparison.Ordinal) && !f.EndsWith(".terraform.lock.hcl", StringComparison.Ordinal));

    private static readonly Lazy<(Version Floor, string Why)> Derivation = new(Derive);

    private static (Version Floor, string Why) Derived() => Derivation.Value;

    /// <summary>The newest feature used, and where: every configuration file read once per test run.</summary>
    private static (Version Floor, string Why) Derive()
    {
        var used = ConfigurationFiles()
            .SelectMany(file => TerraformFeature.All.Where(f => f.Pattern.IsMatch(File.ReadAllText(file)))
                .Select(f => (Feature: f, File: Path.GetRelativePath(RepositoryLayout.Root, file))))
            .ToList();
        var newest = used.MaxBy(u => u.Feature.Since);
        return newest.Feature is null
            ? (new Version(1, 0), "no versioned feature")
            : (newest.Feature.Since, $"{newest.Feature.Name} in {newest.File}");
    }

    private static string Floor => $"{Derived().Floor.Major}.{Derived().Floor.Minor}";

    [Fact]
    public void The_configuration_uses_features_of_terraform_1_11()
    {
        // The derivation itself: if this changes, every place below follows in the same change.
        var (floor, why) = Derived();
        Assert.True(floor == new Version(1, 11), $"The newest feature used is {why} (Terraform {floor}).");
    }

    [Fact]
    public void Every_root_and_module_requires_the_derived_floor()
    {
        var roots = Directory.EnumerateFiles(RepositoryLayout.TerraformDirectory, "versions.tf", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}.terraform", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(roots);
        var wrong = roots
            .Select(f => (File: Path.GetRelativePath(RepositoryLayout.Root, f), Declared: RequiredVersion().Match(File.ReadAllText(f))))
            .Where(r => !r.Declared.Success || r.Declared.Groups[1].Value != $">= {Floor}")
            .Select(r => $"{r.File}: {(r.Declared.Success ? r.Declared.Groups[1].Value : "no required_version")}")
            .ToList();
        Assert.True(wrong.Count == 0, $"Terraform {Floor} is the floor ({Derived().Why}), but: {string.Join("; ", wrong)}");
    }

    [Theory]
    [InlineData("README.md", "Terraform ≥ {0}")]
    [InlineData("terraform/README.md", "`terraform` ≥ {0}")]
    [InlineData(".ci/run", "Terraform >= {0}")]
    public void The_documents_name_the_derived_floor(string file, string phrase)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryLayout.Root, file));
        Assert.Contains(string.Format(System.Globalization.CultureInfo.InvariantCulture, phrase, Floor), text, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(≥|>=) ?1\.(5|6|7|8|9|10)\b", text);
    }

    [Fact]
    public void The_terraform_on_this_machine_meets_the_floor()
    {
        var version = TerraformVersion();
        Assert.True(version >= Derived().Floor, $"terraform {version} is older than the kit's floor {Floor}.");
    }

    private static Version TerraformVersion()
    {
        var start = new System.Diagnostics.ProcessStartInfo("terraform", "version") { RedirectStandardOutput = true };
        using var process = System.Diagnostics.Process.Start(start)!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return Version.Parse(TerraformVersionLine().Match(text).Groups[1].Value);
    }

    [GeneratedRegex(@"required_version\s*=\s*""([^""]+)""")]
    private static partial Regex RequiredVersion();

    [GeneratedRegex(@"Terraform v(\d+\.\d+\.\d+)")]
    private static partial Regex TerraformVersionLine();
}
