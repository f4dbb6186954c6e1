using System.Text.RegularExpressions;

namespace DataPlatform.Deployment.Terraform;

/// <summary>The names a Terraform root or module declares, read from its <c>.tf</c> files (the one place that parses them).</summary>
public static partial class TerraformDeclarations
{
    /// <summary>Names of its <c>variable "…"</c> blocks.</summary>
    public static IReadOnlySet<string> Variables(string directory) =>
        VariableDeclarations(directory).Keys.ToHashSet(StringComparer.Ordinal);

    /// <summary>Names of its <c>output "…"</c> blocks.</summary>
    public static IReadOnlySet<string> Outputs(string directory) => Names(directory, OutputBlock());

    /// <summary>
    /// Each variable a root or module declares: its type expression ("any" when none is given) and
    /// whether it has a default. Read from its *.tf files; nested blocks
    /// (validation) and braces inside strings (regular expressions) are passed over.
    /// </summary>
    public static IReadOnlyDictionary<string, (string Type, bool Optional)> VariableDeclarations(string directory)
    {
        var found = new Dictionary<string, (string Type, bool Optional)>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(directory, "*.tf").Order(StringComparer.Ordinal))
        {
            string? current = null;
            var depth = 0;
            foreach (var line in File.ReadLines(file))
            {
                if (current is null)
                {
                    var header = VariableHeader().Match(line);
                    if (header.Success)
                    {
                        current = header.Groups[1].Value;
                        found[current] = ("any", false);
                        depth = BraceBalance(line);
                        current = depth > 0 ? current : null;
                    }

                    continue;
                }

                if (depth == 1)
                {
                    var type = TypeAttribute().Match(line);
                    if (type.Success)
                    {
                        found[current] = (type.Groups[1].Value.Trim(), found[current].Optional);
                    }
                    else if (DefaultAttribute().IsMatch(line))
                    {
                        found[current] = (found[current].Type, true);
                    }
                }

                depth += BraceBalance(line);
                if (depth <= 0)
                {
                    current = null;
                }
            }
        }

        return found;
    }

    private static HashSet<string> Names(string directory, Regex block) =>
        Directory.EnumerateFiles(directory, "*.tf")
            .SelectMany(file => block.Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"^\s*output\s+""([A-Za-z0-9_-]+)""", RegexOptions.Multiline)]
    private static partial Regex OutputBlock();

    private static int BraceBalance(string line)
    {
        var balance = 0;
        var inString = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }
            }
            else if (c == '"')
            {
                inString = true;
            }
            else if (c == '#' || (c == '/' && i + 1 < line.Length && line[i + 1] == '/'))
            {
                break;
            }
            else if (c == '{')
            {
                balance++;
            }
            else if (c == '}')
            {
                balance--;
            }
        }

        return balance;
    }

    [GeneratedRegex(@"^\s*variable\s+""([A-Za-z0-9_-]+)""\s*\{")]
    private static partial Regex VariableHeader();

    [GeneratedRegex(@"^\s*type\s*=\s*(.+?)\s*$")]
    private static partial Regex TypeAttribute();

    [GeneratedRegex(@"^\s*default\s*=")]
    private static partial Regex DefaultAttribute();
}
