using System.Diagnostics;

namespace DataPlatform.Deploy.Tests.Image;

/// <summary>
/// A copy of the repository's image inputs (the processor, the build props, the environments'
/// tfvars) in a temporary git repository, so tests can change content and commit without
/// touching the working tree others are editing.
/// </summary>
public sealed class SourceTree : IDisposable
{
    private SourceTree(string root) => Root = root;

    public string Root { get; }

    public static SourceTree Copy()
    {
        var source = RepositoryRoot();
        var tree = new SourceTree(Path.Combine(Path.GetTempPath(), "deploy-tests-" + Guid.NewGuid().ToString("N")[..10]));
        Directory.CreateDirectory(tree.Root);
        foreach (var file in new[] { "global.json", "Directory.Build.props", "Directory.Packages.props" })
        {
            File.Copy(Path.Combine(source, file), Path.Combine(tree.Root, file));
        }

        // Every folder the image is built from, as the build lists them (the processor and what it references).
        foreach (var folder in DataPlatform.Build.Image.ImageContent.SourceFolders)
        {
            CopyFolder(Path.Combine(source, folder), Path.Combine(tree.Root, folder));
        }

        CopyFolder(Path.Combine(source, "terraform", "environments"), Path.Combine(tree.Root, "terraform", "environments"));
        File.WriteAllText(Path.Combine(tree.Root, ".gitignore"), "bin/\nobj/\n.state/\n");
        tree.Git("init", "-q");
        tree.Commit("A copy of the repository's image inputs");
        return tree;
    }

    public void Write(string relativePath, string text) => File.WriteAllText(Path.Combine(Root, relativePath), text);

    public void Commit(string message)
    {
        Git("add", "-A");
        Git("-c", "user.name=Deploy Tests", "-c", "user.email=deploy-tests@example.invalid", "commit", "-q", "--no-gpg-sign", "-m", message);
    }

    public string Head() => Git("rev-parse", "HEAD").Trim();

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A child process may still hold a file for a moment; the temp folder is cleaned by the OS.
        }
    }

    /// <summary>The repository these tests belong to: the folder above the test binaries that holds DataPlatform.slnx.</summary>
    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "DataPlatform.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The tests do not run inside the repository (no DataPlatform.slnx above them).");
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.Split(Path.DirectorySeparatorChar).SkipLast(1).Any(p => p is "bin" or "obj"))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(to, relative))!);
            File.Copy(file, Path.Combine(to, relative));
        }
    }

    private string Git(params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"git {string.Join(' ', arguments)}: {error.Result}");
    }
}
