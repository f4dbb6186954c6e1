using System.Diagnostics;
using DataPlatform.Build.Aws;
using DataPlatform.Build.Image;
using DataPlatform.Emulator;

namespace DataPlatform.Deploy.Tests.Image;

/// <summary>
/// A publish on the local environment with no Docker engine reachable: a copy of the repository,
/// a fresh repository in moto, the real docker client pointed at a socket nobody listens on (so
/// the outcome is the same on a machine where Docker runs), the real aws CLI.
/// </summary>
public sealed class LocalPublication : IDisposable
{
    private LocalPublication(SourceTree tree, string repositoryUrl, string repositoryName)
    {
        Tree = tree;
        RepositoryUrl = repositoryUrl;
        RepositoryName = repositoryName;
    }

    public SourceTree Tree { get; }

    public string RepositoryUrl { get; }

    public string RepositoryName { get; }

    public PublishedImage Image { get; private set; } = null!;

    public string Log { get; private set; } = "";

    public static async Task<LocalPublication> CreateAsync(MotoFixture moto)
    {
        var (url, name) = moto.Ecr.CreateRepository();
        var publication = new LocalPublication(SourceTree.Copy(), url, name);
        var (image, log, _) = await publication.PublishAgainAsync(moto);
        publication.Image = image;
        publication.Log = log;
        return publication;
    }

    public static AwsSession Session(MotoFixture moto) => new(EmulatorCredentials.Region, moto.Endpoint, isEmulator: true, profile: null);

    public static ImageReleaseOptions NoEngine(string folder) => new()
    {
        Environment = new Dictionary<string, string?> { ["DOCKER_HOST"] = $"unix://{Path.Combine(folder, "no-engine.sock")}" },
    };

    /// <summary>Publishes the same tree into the same repository once more.</summary>
    public async Task<(PublishedImage Image, string Log, TimeSpan Elapsed)> PublishAgainAsync(MotoFixture moto)
    {
        var console = new RecordingConsole();
        var context = TestBuild.Context(Tree.Root, "local", Session(moto), console);
        var clock = Stopwatch.StartNew();
        var image = await new ImageRelease(NoEngine(Tree.Root)).PublishAsync(context, new ImageRequest(RepositoryUrl, RepositoryName));
        return (image, console.Text, clock.Elapsed);
    }

    public void Dispose() => Tree.Dispose();
}
