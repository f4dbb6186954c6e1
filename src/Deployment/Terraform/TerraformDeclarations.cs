using System.Text.RegularExpressions;

namespace DataPlatform.Deployment.Terraform;

/// <summary>The names a Terraform root or module declares, read from its <c>.tf</c> files (the one place that parses them).</summary>
public static partial class TerraformDeclarations
{
    /// <summary>Names of its <c>variable "…"</c> blocks.</summary>
    public static IReadOnlySet<string> Variables(string directory) => Names(directory, VariableBlock());

    /// <summary>Names of its <c>output "…"</c> blocks.</summary>
    public static IReadOnlySet<string> Outputs(string directory) => Names(directory, OutputBlock());

    private static HashSet<string> Names(string directory, Regex block) =>
        Directory.EnumerateFiles(directory, "*.tf")
            .SelectMany(file => block.Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"^\s*variable\s+""([A-Za-z0-9_-]+)""", RegexOptions.Multiline)]
    private static partial Regex VariableBlock();

    [GeneratedRegex(@"^\s*output\s+""([A-Za-z0-9_-]+)""", RegexOptions.Multiline)]
    private static partial Regex OutputBlock();
}
