using Cake.Common;
using Cake.Core;
using Cake.Core.IO;

namespace DataPlatform.Build.Image;

/// <summary>The git commit the image is built from, and whether the image's inputs differ from it.</summary>
public sealed record SourceRevision(string Commit, bool IsDirty)
{
    /// <summary>
    /// The commit tag. ECR tags are immutable here, so a build from uncommitted changes must not
    /// take the commit's own tag (a later clean build of the same commit would collide): it gets
    /// the content hash appended instead.
    /// </summary>
    public string Tag(ImageContent content) =>
        IsDirty ? $"git-{Commit[..12]}-dirty-{content.Hash[..8]}" : $"git-{Commit[..12]}";

    /// <summary>The revision of <paramref name="repositoryRoot"/>, or null outside a git checkout (or without git).</summary>
    public static SourceRevision? Read(ICakeContext context, string repositoryRoot, IEnumerable<string> inputs)
    {
        var head = Git(context, repositoryRoot, "rev-parse --verify HEAD");
        if (head is not [var commit] || commit.Length < 40)
        {
            return null;
        }

        var changes = Git(context, repositoryRoot, "status --porcelain --untracked-files=all -- " + string.Join(' ', inputs.Select(i => $"\"{i}\"")));
        return new SourceRevision(commit.Trim(), changes is null || changes.Any(l => l.Length > 0));
    }

    private static List<string>? Git(ICakeContext context, string repositoryRoot, string arguments)
    {
        try
        {
            var exitCode = context.StartProcess(
                "git",
                new ProcessSettings
                {
                    Arguments = arguments,
                    WorkingDirectory = repositoryRoot,
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    Silent = true,
                },
                out var output);
            return exitCode == 0 ? output.ToList() : null;
        }
        catch (Exception failure) when (failure is CakeException or System.ComponentModel.Win32Exception)
        {
            // git is not installed: the image gets its content tag only.
            return null;
        }
    }
}
