using System.Text.RegularExpressions;

namespace DataPlatform.Infrastructure.Tests.Terraform;

/// <summary>
/// A language or backend feature and the first Terraform release that has it (from Terraform's
/// changelog). The floor the configuration declares is the newest of those it uses.
/// </summary>
/// <param name="Pattern">Matched against one .tf or .hcl file's text, comments included: a false hit only raises the floor.</param>
public sealed record TerraformFeature(string Name, Version Since, Regex Pattern)
{
    public static IReadOnlyList<TerraformFeature> All { get; } =
    [
        new("variable nullable", new Version(1, 1), new Regex(@"^\s*nullable\s*=", RegexOptions.Multiline)),
        new("moved blocks", new Version(1, 1), new Regex(@"^\s*moved\s*\{", RegexOptions.Multiline)),
        new("preconditions and postconditions", new Version(1, 2), new Regex(@"^\s*(pre|post)condition\s*\{", RegexOptions.Multiline)),
        new("optional object attributes", new Version(1, 3), new Regex(@"\boptional\(")),
        new("terraform_data", new Version(1, 4), new Regex(@"""terraform_data""")),
        new("check and import blocks", new Version(1, 5), new Regex(@"^\s*(check\s+""|import\s*\{)", RegexOptions.Multiline)),
        new("removed blocks", new Version(1, 7), new Regex(@"^\s*removed\s*\{", RegexOptions.Multiline)),
        new("provider-defined functions", new Version(1, 8), new Regex(@"\bprovider::")),
        new("ephemeral values", new Version(1, 10), new Regex(@"^\s*ephemeral\s*(=|"")", RegexOptions.Multiline)),
        // S3-native state locking: experimental in 1.10, generally available in 1.11; a 1.5–1.9
        // init refuses the argument outright.
        new("S3 backend use_lockfile", new Version(1, 11), new Regex(@"^\s*use_lockfile\s*=", RegexOptions.Multiline)),
        new("write-only arguments", new Version(1, 11), new Regex(@"_wo\s*=|_wo_version\s*=")),
    ];
}
