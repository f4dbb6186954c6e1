using DataPlatform.Build.Host;
using DataPlatform.Build.Image;

namespace DataPlatform.Deploy.Tests.Image;

/// <summary>
/// Publishes on a real environment that change something first (content, commit state, what
/// the docker fake can do), each on its own copy of the repository and its own ECR repository.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class DockerPublishTests(MotoFixture moto) : IDisposable
{
    private readonly DockerPublication _publication = new(moto);

    private SourceTree Tree => _publication.Tree;

    private FakeDocker Docker => _publication.Docker;

    [Fact]
    public async Task A_failing_push_fails_the_publish_with_a_clear_message()
    {
        Docker.SwitchOn("push-fails");

        var failure = await Assert.ThrowsAsync<BuildFailedException>(() => _publication.PublishAsync());

        var content = ImageContent.Compute(Tree.Root);
        Assert.Contains($"docker push {_publication.Repository.Url}:{content.Tag} failed with exit code 1", failure.Message);
        Assert.Contains("denied: Your authorization token has expired", failure.Message);
        Assert.Contains("run again", failure.Message);
        Assert.Empty(moto.Ecr.Images(_publication.Repository.Name));
    }

    [Fact]
    public async Task Changed_content_is_built_and_pushed_as_a_new_image()
    {
        var (first, _) = await _publication.PublishAsync();
        Tree.Write("src/Processor/Changed.cs", "namespace DataPlatform.Processor;\n\ninternal static class Changed;\n");
        Tree.Commit("A change to the processor");

        var (second, _) = await _publication.PublishAsync();

        Assert.False(second.Reused);
        Assert.NotEqual(first.Digest, second.Digest);
        Assert.Equal(2, Docker.Calls.Count(c => c.Is("buildx", "build")));
        Assert.Equal(2, moto.Ecr.Images(_publication.Repository.Name).Count);
        Assert.Contains(ImageContent.Compute(Tree.Root).Tag, second.Tags);
    }

    [Fact]
    public async Task Uncommitted_changes_never_take_the_commit_tag()
    {
        Tree.Write("src/Processor/Uncommitted.cs", "namespace DataPlatform.Processor;\n\ninternal static class Uncommitted;\n");

        var (image, _) = await _publication.PublishAsync();

        // Tags are immutable: a later clean build of this commit must still be able to take git-<commit>.
        var content = ImageContent.Compute(Tree.Root);
        Assert.Equal([content.Tag, $"git-{Tree.Head()[..12]}-dirty-{content.Hash[..8]}"], image.Tags);
    }

    [Fact]
    public async Task Missing_buildx_fails_before_building_and_says_what_to_install()
    {
        Docker.SwitchOn("no-buildx");

        var failure = await Assert.ThrowsAsync<BuildFailedException>(() => _publication.PublishAsync());

        Assert.Contains("Docker Buildx is not available", failure.Message);
        Assert.Contains("docker-buildx", failure.Message);
        Assert.DoesNotContain(Docker.Calls, c => c.Is("buildx", "build") || c.Is("push"));
    }

    [Fact]
    public async Task Without_an_engine_a_real_environment_fails_in_seconds_and_says_what_to_do()
    {
        Docker.SwitchOn("no-engine");

        var failure = await Assert.ThrowsAsync<BuildFailedException>(() => _publication.PublishAsync());

        // Seconds, not minutes: the engine is asked once and its refusal taken at its word (no
        // retry loop, no waiting out a timeout), and nothing is built. Counted, not timed, so a
        // loaded build machine cannot make it flaky.
        Assert.Equal(["info"], Docker.Calls.Select(c => c.Argv[0]));
        Assert.Contains("No Docker engine is reachable", failure.Message);
        Assert.Contains("Cannot connect to the Docker daemon", failure.Message);
        Assert.Contains("'dev' environment", failure.Message);
        Assert.Contains("Start Docker", failure.Message);
        Assert.Contains("DOCKER_HOST", failure.Message);
        Assert.DoesNotContain(Docker.Calls, c => c.Is("buildx", "build") || c.Is("login") || c.Is("push"));
        Assert.Empty(moto.Ecr.Images(_publication.Repository.Name));
    }

    [Fact]
    public async Task With_the_real_docker_client_and_no_engine_a_real_environment_fails_the_same_way()
    {
        // The real docker client (or none, where it is not installed) pointed at a socket nobody
        // listens on: no engine, whatever the machine runs.
        var options = _publication.Options() with
        {
            DockerPath = null,
            Environment = new Dictionary<string, string?>(_publication.Options().Environment)
            {
                ["DOCKER_HOST"] = $"unix://{Path.Combine(Tree.Root, "none.sock")}",
            },
        };

        var failure = await Assert.ThrowsAsync<BuildFailedException>(() => _publication.PublishAsync(options));

        Assert.Contains("No Docker engine is reachable", failure.Message);
        Assert.Contains("DOCKER_HOST", failure.Message);
    }

    public void Dispose() => _publication.Dispose();
}
