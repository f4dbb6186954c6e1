namespace DataPlatform.Reliability.Tests.Environment;

/// <summary>The repository's root, found from the test assembly's folder (the folder holding build.sh).</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "build.sh")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException($"No build.sh above {AppContext.BaseDirectory}.");
    }
}
