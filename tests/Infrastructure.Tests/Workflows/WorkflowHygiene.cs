using System.Text.RegularExpressions;

namespace DataPlatform.Infrastructure.Tests.Workflows;

/// <summary>
/// Two rules for every workflow file: each action pinned by a full commit SHA with its version in a
/// comment (a tag can be moved by its owner; a SHA cannot), and a top-level <c>permissions:</c>
/// block (without it the job token gets the repository's default, often write-all).
/// </summary>
public static partial class WorkflowHygiene
{
    public static IReadOnlyList<string> Problems(string folder)
    {
        var problems = new List<string>();
        foreach (var workflow in Workflow.ReadFolder(folder))
        {
            if (workflow.Permissions is null)
            {
                problems.Add($"{workflow.File} has no top-level permissions: block.");
            }

            var lines = File.ReadAllLines(Path.Combine(folder, workflow.File));
            foreach (var action in workflow.Jobs.SelectMany(j => j.Actions).Distinct().Where(a => !a.StartsWith("./", StringComparison.Ordinal)))
            {
                if (!PinnedBySha().IsMatch(action))
                {
                    problems.Add($"{workflow.File} uses {action}, which is not pinned by a full commit SHA.");
                }
                else if (!lines.Where(l => l.Contains($"uses: {action}", StringComparison.Ordinal)).All(l => VersionComment().IsMatch(l)))
                {
                    problems.Add($"{workflow.File} uses {action} without its version in a comment (# vX.Y.Z), so nobody can tell what it is.");
                }
            }
        }

        return problems;
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}$")]
    private static partial Regex PinnedBySha();

    [GeneratedRegex(@"@[0-9a-f]{40}\s+#\s*v\d+(\.\d+)*\s*$")]
    private static partial Regex VersionComment();
}
