using Cake.Core;
using DataPlatform.Build.Host;

namespace DataPlatform.Build;

/// <summary>Every argument of the build, read once into typed properties; tasks never parse arguments.</summary>
public sealed class BuildContext : CakeContextAdapter
{
    public static IReadOnlyList<BuildFlag> Flags { get; } =
    [
        new("configuration", "Build configuration (default: Release).", "Release|Debug", ["Release", "Debug"], ShortName: "c"),
        new("test-filter", "Only tests matching this dotnet test --filter expression.", "EXPRESSION"),
        new("full-clean", "Clean also deletes bin/ and obj/ (a from-scratch build)."),
        new("test-project", "Only test projects whose name contains this text.", "TEXT"),
    ];

    public BuildContext(ICakeContext context, BuildArguments arguments)
        : base(context)
    {
        RepositoryRoot = context.Environment.WorkingDirectory.FullPath;
        BuildConfiguration = arguments.Get("configuration", "Release");
        TestFilter = arguments.Get("test-filter");
        TestProject = arguments.Get("test-project");
        IsDryRun = arguments.IsOn("dryrun");
        FullClean = arguments.IsOn("full-clean");
    }

    public string RepositoryRoot { get; }

    public string BuildConfiguration { get; }

    public string? TestFilter { get; }

    public string? TestProject { get; }

    public bool IsDryRun { get; }

    public bool FullClean { get; }

    public string Solution => Path.Combine(RepositoryRoot, "DataPlatform.slnx");

    public string ArtifactsDirectory => Path.Combine(RepositoryRoot, "artifacts");

    public string TestResultsDirectory => Path.Combine(ArtifactsDirectory, "test-results");

    /// <summary>Machine-local state the build keeps between runs (emulator, local Terraform state); git-ignored.</summary>
    public string StateDirectory => Path.Combine(RepositoryRoot, ".state");
}
