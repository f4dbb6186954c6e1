using System.Diagnostics;
using DataPlatform.Build.Aws;
using DataPlatform.Build.Host;
using DataPlatform.Build.Image;

namespace DataPlatform.Deploy.Tests.Image;

/// <summary>
/// The Docker CLI contract on a real environment ("dev"), checked on the exact command lines
/// the release gives a recording fake docker. ECR is a real moto reached by the real aws CLI
/// with keys in the environment, as a CI job has them; the fake's push registers the image there.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class DockerPublishTests(MotoFixture moto) : IDisposable
{
    private readonly SourceTree _tree = SourceTree.Copy();
    private readonly FakeDocker _docker = new();
    private readonly (string Url, string Name) _repository = moto.Ecr.CreateRepository();

    private string Registry => _repository.Url.Split('/')[0];

    [Fact]
    public async Task Builds_for_linux_amd64_without_provenance_from_the_repository_root()
    {
        await PublishAsync();

        var content = ImageContent.Compute(_tree.Root);
        var head = _tree.Head();
        var build = Assert.Single(_docker.Calls, c => c.Is("buildx", "build"));
        Assert.Equal(
            [
                "buildx", "build", "--platform", "linux/amd64", "--provenance=false", "--progress=plain", "--load",
                "-f", "src/Processor/Dockerfile",
                "-t", $"{_repository.Url}:{content.Tag}",
                "-t", $"{_repository.Url}:git-{head[..12]}",
                "--label", $"dataplatform.content-hash={content.Hash}",
                "--label", $"org.opencontainers.image.revision={head}",
                ".",
            ],
            build.Argv);
        Assert.Equal(_tree.Root, build.Cwd);
        Assert.Matches("^content-[0-9a-f]{24}$", content.Tag);
    }

    [Fact]
    public async Task Logs_in_with_the_password_on_stdin_and_nowhere_else()
    {
        var (_, log) = await PublishAsync();

        var password = moto.LoginPassword;
        Assert.NotEmpty(password);
        var login = Assert.Single(_docker.Calls, c => c.Is("login"));
        Assert.Equal(["login", "--username", "AWS", "--password-stdin", Registry], login.Argv);
        Assert.Equal(password, login.Stdin?.Trim());
        Assert.All(_docker.Calls, call => Assert.DoesNotContain(call.Argv, a => a.Contains(password, StringComparison.Ordinal)));
        Assert.DoesNotContain(password, log, StringComparison.Ordinal);
        Assert.Contains("Executing:", log); // the log does show the command lines; only the password is absent
        var calls = _docker.Calls.ToList();
        Assert.True(calls.FindIndex(c => c.Is("login")) < calls.FindIndex(c => c.Is("push")), "docker login must come before the first push.");
    }

    [Fact]
    public async Task Pushes_every_tag_and_returns_the_image_by_its_pushed_digest()
    {
        var (image, _) = await PublishAsync();

        var content = ImageContent.Compute(_tree.Root);
        var commitTag = "git-" + _tree.Head()[..12];
        Assert.Equal(
            [$"push {_repository.Url}:{content.Tag}", $"push {_repository.Url}:{commitTag}"],
            _docker.Calls.Where(c => c.Is("push")).Select(c => c.ToString()));
        var stored = Assert.Single(moto.Ecr.Images(_repository.Name));
        Assert.Equal(stored.Digest, image.Digest);
        Assert.Equal($"{_repository.Url}@{stored.Digest}", image.Uri);
        Assert.Equal(new[] { content.Tag, commitTag }.Order(), stored.Tags.Order());
        Assert.Equal([content.Tag, commitTag], image.Tags);
        Assert.False(image.Reused);
        Assert.Equal(PublishedImage.DockerMethod, image.Method);
    }

    [Fact]
    public async Task A_failing_push_fails_the_publish_with_a_clear_message()
    {
        _docker.SwitchOn("push-fails");

        var failure = await Assert.ThrowsAsync<BuildFailedException>(() => PublishAsync());

        var content = ImageContent.Compute(_tree.Root);
        Assert.Contains($"docker push {_repository.Url}:{content.Tag} failed with exit code 1", failure.Message);
        Assert.Contains("denied: Your authorization token has expired", failure.Message);
        Assert.Contains("run again", failure.Message);
        Assert.Empty(moto.Ecr.Images(_repository.Name));
    }

    [Fact]
    public async Task A_second_publish_of_unchanged_content_reuses_the_image_without_docker()
    {
        var (first, _) = await PublishAsync();
        var callsAfterFirst = _docker.Calls.Count;

        var (second, log) = await PublishAsync();

        Assert.True(second.Reused);
        Assert.Equal(first.Uri, second.Uri);
        Assert.Equal(first.Tags.Order(), second.Tags.Order());
        Assert.Equal(callsAfterFirst, _docker.Calls.Count); // no info, build, login or push
        Assert.Contains("reusing it, nothing to build or push", log);
        Assert.Single(moto.Ecr.Images(_repository.Name));
    }

    [Fact]
    public async Task Changed_content_is_built_and_pushed_as_a_new_image()
    {
        var (first, _) = await PublishAsync();
        _tree.Write("src/Processor/Changed.cs", "namespace DataPlatform.Processor;\n\ninternal static class Changed;\n");
        _tree.Commit("A change to the processor");

        var (second, _) = await PublishAsync();

        Assert.False(second.Reused);
        Assert.NotEqual(first.Digest, second.Digest);
        Assert.Equal(2, _docker.Calls.Count(c => c.Is("buildx", "build")));
        Assert.Equal(2, moto.Ecr.Images(_repository.Name).Count);
        Assert.Contains(ImageContent.Compute(_tree.Root).Tag, second.Tags);
    }

    [Fact]
    public async Task Uncommitted_changes_never_take_the_commit_tag()
    {
        _tree.Write("src/Processor/Uncommitted.cs", "namespace DataPlatform.Processor;\n\ninternal static class Uncommitted;\n");

        var (image, _) = await PublishAsync();

        // Tags are immutable: a later clean build of this commit must still be able to take git-<commit>.
        var content = ImageContent.Compute(_tree.Root);
        Assert.Equal([content.Tag, $"git-{_tree.Head()[..12]}-dirty-{content.Hash[..8]}"], image.Tags);
    }

    [Fact]
    public async Task Missing_buildx_fails_before_building_and_says_what_to_install()
    {
        _docker.SwitchOn("no-buildx");

        var failure = await Assert.ThrowsAsync<BuildFailedException>(() => PublishAsync());

        Assert.Contains("Docker Buildx is not available", failure.Message);
        Assert.Contains("docker-buildx", failure.Message);
        Assert.DoesNotContain(_docker.Calls, c => c.Is("buildx", "build") || c.Is("push"));
    }

    [Fact]
    public async Task Without_an_engine_a_real_environment_fails_in_seconds_and_says_what_to_do()
    {
        _docker.SwitchOn("no-engine");
        var clock = Stopwatch.StartNew();

        var failure = await Assert.ThrowsAsync<BuildFailedException>(() => PublishAsync());

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"Failing took {clock.Elapsed.TotalSeconds:0.0} s.");
        Assert.Contains("No Docker engine is reachable", failure.Message);
        Assert.Contains("Cannot connect to the Docker daemon", failure.Message);
        Assert.Contains("'dev' environment", failure.Message);
        Assert.Contains("Start Docker", failure.Message);
        Assert.Contains("DOCKER_HOST", failure.Message);
        Assert.DoesNotContain(_docker.Calls, c => c.Is("buildx", "build") || c.Is("login") || c.Is("push"));
        Assert.Empty(moto.Ecr.Images(_repository.Name));
    }

    [Fact]
    public async Task Without_any_docker_client_a_real_environment_fails_the_same_way()
    {
        // The real docker client pointed at a socket nobody listens on: no engine, whatever the machine has.
        var options = Options() with
        {
            DockerPath = null,
            Environment = new Dictionary<string, string?>(Options().Environment) { ["DOCKER_HOST"] = $"unix://{Path.Combine(_tree.Root, "none.sock")}" },
        };

        var failure = await Assert.ThrowsAsync<BuildFailedException>(() => PublishAsync(options));

        Assert.Contains("No Docker engine is reachable", failure.Message);
        Assert.Contains("DOCKER_HOST", failure.Message);
    }

    public void Dispose()
    {
        _docker.Dispose();
        _tree.Dispose();
    }

    /// <summary>A real-environment session whose AWS calls go to moto; the keys come in through the environment, as in CI.</summary>
    private ImageReleaseOptions Options() => new()
    {
        DockerPath = _docker.Executable,
        Environment = new Dictionary<string, string?>
        {
            ["AWS_ACCESS_KEY_ID"] = "test",
            ["AWS_SECRET_ACCESS_KEY"] = "test",
            ["AWS_PROFILE"] = null,
            ["AWS_SESSION_TOKEN"] = null,
        },
    };

    private async Task<(PublishedImage Image, string Log)> PublishAsync(ImageReleaseOptions? options = null)
    {
        var console = new RecordingConsole();
        var context = TestBuild.Context(_tree.Root, "dev", new AwsSession("us-east-1", moto.Endpoint, isEmulator: false, profile: null), console);
        try
        {
            var image = await new ImageRelease(options ?? Options()).PublishAsync(context, new ImageRequest(_repository.Url, _repository.Name));
            return (image, console.Text);
        }
        finally
        {
            // Whatever happened, the password must not be in the log.
            Assert.DoesNotContain(moto.LoginPassword, console.Text, StringComparison.Ordinal);
        }
    }
}
