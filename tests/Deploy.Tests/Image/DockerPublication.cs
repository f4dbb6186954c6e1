using DataPlatform.Build.Aws;
using DataPlatform.Build.Image;

namespace DataPlatform.Deploy.Tests.Image;

/// <summary>
/// A publish on a real environment ("dev") through a recording fake docker: a copy of the
/// repository, a fresh repository in moto reached by the real aws CLI with keys in the
/// environment (as a CI job has them). The fake's push registers the image in moto.
/// </summary>
public sealed class DockerPublication : IDisposable
{
    public DockerPublication(MotoFixture moto)
    {
        Moto = moto;
        Repository = moto.Ecr.CreateRepository();
    }

    public MotoFixture Moto { get; }

    public SourceTree Tree { get; } = SourceTree.Copy();

    public FakeDocker Docker { get; } = new();

    public (string Url, string Name) Repository { get; }

    public string Registry => Repository.Url.Split('/')[0];

    /// <summary>The release's options for this publication: the fake docker, and keys the way CI passes them.</summary>
    public ImageReleaseOptions Options() => new()
    {
        DockerPath = Docker.Executable,
        Environment = new Dictionary<string, string?>
        {
            ["AWS_ACCESS_KEY_ID"] = "test",
            ["AWS_SECRET_ACCESS_KEY"] = "test",
            ["AWS_PROFILE"] = null,
            ["AWS_SESSION_TOKEN"] = null,
        },
    };

    public async Task<(PublishedImage Image, string Log)> PublishAsync(ImageReleaseOptions? options = null)
    {
        var console = new RecordingConsole();
        var session = new AwsSession("us-east-1", Moto.Endpoint, isEmulator: false, profile: null);
        var context = TestBuild.Context(Tree.Root, "dev", session, console);
        try
        {
            var image = await new ImageRelease(options ?? Options()).PublishAsync(context, new ImageRequest(Repository.Url, Repository.Name));
            return (image, console.Text);
        }
        finally
        {
            // Whatever happened, the registry password must not be in the log.
            Assert.DoesNotContain(Moto.LoginPassword, console.Text, StringComparison.Ordinal);
        }
    }

    public void Dispose()
    {
        Docker.Dispose();
        Tree.Dispose();
    }
}
