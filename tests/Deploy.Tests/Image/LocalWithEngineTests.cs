using DataPlatform.Build.Host;
using DataPlatform.Build.Image;

namespace DataPlatform.Deploy.Tests.Image;

/// <summary>
/// The local environment when a Docker engine does run (most developer machines): Docker is used
/// only when the emulator serves a registry (LocalStack's localhost one); moto's repositories live
/// on AWS's host name with no registry behind it, so the processor is registered instead.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class LocalWithEngineTests(MotoFixture moto) : IDisposable
{
    private readonly SourceTree _tree = SourceTree.Copy();
    private readonly FakeDocker _docker = new();
    private readonly (string Url, string Name) _repository = moto.Ecr.CreateRepository();

    [Fact]
    public async Task An_emulator_registry_on_localhost_gets_a_docker_build_and_push()
    {
        // LocalStack's shape: the repository URL names a registry it serves on the loopback.
        var url = "localhost.localstack.cloud:4510/" + _repository.Name;
        var console = new RecordingConsole();
        var context = TestBuild.Context(_tree.Root, "local", LocalPublication.Session(moto), console);

        var image = await new ImageRelease(new ImageReleaseOptions { DockerPath = _docker.Executable })
            .PublishAsync(context, new ImageRequest(url, _repository.Name));

        Assert.Equal(PublishedImage.DockerMethod, image.Method);
        Assert.Equal(["login", "--username", "AWS", "--password-stdin", "localhost.localstack.cloud:4510"], Assert.Single(_docker.Calls, c => c.Is("login")).Argv);
        Assert.Equal(Assert.Single(moto.Ecr.Images(_repository.Name)).Digest, image.Digest);
        Assert.StartsWith(url + "@sha256:", image.Uri);
    }

    [Fact]
    public async Task A_moto_repository_is_never_pushed_to_even_with_an_engine()
    {
        // A processor project that does not load makes the dotnet publish fail in a second or two:
        // this test is about the route taken, and the route is decided before the publish.
        _tree.Write("src/Processor/Processor.csproj", "<Project>this is not a project");
        var console = new RecordingConsole();
        var context = TestBuild.Context(_tree.Root, "local", LocalPublication.Session(moto), console);

        var failure = await Assert.ThrowsAsync<BuildFailedException>(() =>
            new ImageRelease(new ImageReleaseOptions { DockerPath = _docker.Executable })
                .PublishAsync(context, new ImageRequest(_repository.Url, _repository.Name)));

        Assert.Contains("has no registry API to push to", console.Text);
        Assert.Contains("dotnet publish of src/Processor/Processor.csproj failed", failure.Message);
        Assert.Contains("fix them and run again", failure.Message);
        Assert.DoesNotContain(_docker.Calls, c => c.Is("buildx", "build") || c.Is("login") || c.Is("push"));
        Assert.Empty(moto.Ecr.Images(_repository.Name));
    }

    public void Dispose()
    {
        _docker.Dispose();
        _tree.Dispose();
    }
}
