namespace DataPlatform.Build.Image;

/// <summary>
/// A hash of everything that goes into the processor's image: the files the Dockerfile copies
/// (the shared build props, the SDK pin, the processor's folder and the libraries it references,
/// the event contracts, without bin/ and obj/, as its .dockerignore says) and the build recipe. Same hash, same image: the release skips the build
/// when the repository already holds an image tagged with it.
/// </summary>
public sealed record ImageContent(string Hash, IReadOnlyList<string> Files)
{
    /// <summary>Bump when the way the image is built changes without any input file changing.</summary>
    public const string Recipe = "processor-image/v1 linux/amd64 provenance=false Release linux-x64 ReadyToRun";

    public const string ProcessorFolder = "src/Processor";

    /// <summary>The event contracts the image carries (the Dockerfile copies them next to the function).</summary>
    public const string ContractsFolder = "contracts";

    /// <summary>The folders the Dockerfile copies: the processor, the projects it references, and the contracts it enforces.</summary>
    public static IReadOnlyList<string> SourceFolders { get; } = ["src/Aws", "src/Compaction", "src/Contracts", ProcessorFolder, ContractsFolder];

    /// <summary>Repository-root files the Dockerfile copies next to the processor's folder.</summary>
    public static IReadOnlyList<string> RootInputs { get; } = ["global.json", "Directory.Build.props", "Directory.Packages.props"];

    /// <summary>The tag that names this content: the first 24 hex digits (96 bits) are plenty to tell builds apart.</summary>
    public string Tag => "content-" + Hash[..24];

    public static ImageContent Compute(string repositoryRoot)
    {
        var files = RootInputs.Where(f => File.Exists(Path.Combine(repositoryRoot, f))).ToList();
        foreach (var source in SourceFolders)
        {
            var folder = Path.Combine(repositoryRoot, source);
            if (!Directory.Exists(folder))
            {
                throw new Host.BuildFailedException(
                    $"There is no {source} folder under {repositoryRoot}, so the processor's image cannot be built. Run the build from the repository root.");
            }

            files.AddRange(Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(repositoryRoot, f).Replace('\\', '/'))
                .Where(f => !Testing.SourceFingerprint.IsBuildOutput(f)));
        }

        return new ImageContent(Testing.SourceFingerprint.Hash(repositoryRoot, files, Recipe), files.Order(StringComparer.Ordinal).ToList());
    }
}
