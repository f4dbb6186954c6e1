using DataPlatform.Build.Image;

namespace DataPlatform.Deploy.Tests.Image;

/// <summary>
/// The exact docker command lines of one publish on a real environment, read from the recording
/// fake: the build Lambda accepts, the login that keeps the password off the command line, the
/// pushes, and the digest that comes back.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class DockerContractTests(MotoFixture moto)
{
    [Fact]
    public async Task Builds_for_linux_amd64_without_provenance_from_the_repository_root()
    {
        var (publication, _, _) = await moto.DockerPublicationAsync();

        var content = ImageContent.Compute(publication.Tree.Root);
        var head = publication.Tree.Head();
        var url = publication.Repository.Url;
        var build = Assert.Single(publication.Docker.Calls, c => c.Is("buildx", "build"));
        Assert.Equal(
            [
                "buildx", "build", "--platform", "linux/amd64", "--provenance=false", "--progress=plain", "--load",
                "-f", "src/Processor/Dockerfile",
                "-t", $"{url}:{content.Tag}",
                "-t", $"{url}:git-{head[..12]}",
                "--label", $"dataplatform.content-hash={content.Hash}",
                "--label", $"org.opencontainers.image.revision={head}",
                ".",
            ],
            build.Argv);
        Assert.Equal(publication.Tree.Root, build.Cwd);
        Assert.Matches("^content-[0-9a-f]{24}$", content.Tag);
    }

    [Fact]
    public async Task Logs_in_with_the_password_on_stdin_and_nowhere_else()
    {
        var (publication, _, log) = await moto.DockerPublicationAsync();

        var password = moto.LoginPassword;
        Assert.NotEmpty(password);
        var calls = publication.Docker.Calls;
        var login = Assert.Single(calls, c => c.Is("login"));
        Assert.Equal(["login", "--username", "AWS", "--password-stdin", publication.Registry], login.Argv);
        Assert.Equal(password, login.Stdin?.Trim());
        Assert.All(calls, call => Assert.DoesNotContain(call.Argv, a => a.Contains(password, StringComparison.Ordinal)));
        Assert.DoesNotContain(password, log, StringComparison.Ordinal);
        Assert.Contains("Executing:", log); // the command lines are logged; only the password is absent
        var order = calls.ToList();
        Assert.True(order.FindIndex(c => c.Is("login")) < order.FindIndex(c => c.Is("push")), "docker login must come before the first push.");
    }

    [Fact]
    public async Task Pushes_every_tag_and_returns_the_image_by_its_pushed_digest()
    {
        var (publication, image, log) = await moto.DockerPublicationAsync();

        var url = publication.Repository.Url;
        var content = ImageContent.Compute(publication.Tree.Root);
        var commitTag = "git-" + publication.Tree.Head()[..12];
        Assert.Equal(
            [$"push {url}:{content.Tag}", $"push {url}:{commitTag}"],
            publication.Docker.Calls.Where(c => c.Is("push")).Select(c => c.ToString()));
        var stored = Assert.Single(moto.Ecr.Images(publication.Repository.Name));
        Assert.Equal(stored.Digest, image.Digest);
        Assert.Equal($"{url}@{stored.Digest}", image.Uri);
        Assert.Equal(new[] { content.Tag, commitTag }.Order(), stored.Tags.Order());
        Assert.Equal([content.Tag, commitTag], image.Tags);
        Assert.False(image.Reused);
        Assert.Equal(PublishedImage.DockerMethod, image.Method);
        Assert.Contains($"Image: pushing {url}:{content.Tag} ...", log);
    }

    [Fact]
    public async Task A_second_publish_of_unchanged_content_reuses_the_image_without_docker()
    {
        var (publication, first, _) = await moto.DockerPublicationAsync();
        var callsBefore = publication.Docker.Calls.Count;

        var (second, log) = await publication.PublishAsync();

        Assert.True(second.Reused);
        Assert.Equal(PublishedImage.ReusedMethod, second.Method);
        Assert.Equal(first.Uri, second.Uri);
        Assert.Equal(first.Tags.Order(), second.Tags.Order());
        Assert.Equal(callsBefore, publication.Docker.Calls.Count); // no info, build, login or push
        Assert.Contains("reusing it, nothing to build or push", log);
        Assert.Single(moto.Ecr.Images(publication.Repository.Name));
    }
}
