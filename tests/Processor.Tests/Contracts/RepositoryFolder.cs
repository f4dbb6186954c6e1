namespace DataPlatform.Processor.Tests.Contracts;

/// <summary>The repository's contracts/ folder, found above the test binaries.</summary>
public static class RepositoryFolder
{
    public static string Contracts
    {
        get
        {
            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "DataPlatform.slnx")))
                {
                    return Path.Combine(folder.FullName, "contracts");
                }
            }

            throw new InvalidOperationException("The tests do not run inside the repository (no DataPlatform.slnx above them).");
        }
    }
}
