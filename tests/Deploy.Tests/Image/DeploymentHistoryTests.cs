using System.Text.Json;
using DataPlatform.Build.Image;

namespace DataPlatform.Deploy.Tests.Image;

/// <summary>
/// The deploy record kept as tags in the environment's repository, against moto's ECR through the
/// real aws CLI: which image is live, which is the rollback target, and that no image is lost on the way.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class DeploymentHistoryTests(MotoFixture moto)
{
    [Fact]
    public void A_deploy_tags_its_digest_live_and_the_one_it_replaced_previous_and_a_rollback_swaps_them()
    {
        var (repository, digests) = Repository("a", "b");
        var (a, b) = (digests[0], digests[1]);
        var history = History(repository, out _);

        var first = history.Record(a);
        Assert.Equal(a, first.Live?.Digest);
        Assert.Null(first.Previous);
        Assert.Null(first.RollbackTarget(a));

        var second = history.Record(b);
        Assert.Equal(b, second.Live?.Digest);
        Assert.Equal(a, second.Previous?.Digest);
        Assert.Equal(a, second.RollbackTarget(b));

        // The rollback deploys a; the record then points back at b, so a second rollback returns to it.
        var rolledBack = history.Record(a);
        Assert.Equal(a, rolledBack.Live?.Digest);
        Assert.Equal(b, rolledBack.Previous?.Digest);
        Assert.Equal(b, rolledBack.RollbackTarget(a));

        // Recording what is live already changes no tag.
        var before = Tags(repository);
        Assert.Equal(a, history.Record(a).Live?.Digest);
        Assert.Equal(before, Tags(repository));

        // Another machine with another state folder reads the same record: it lives in the registry.
        Assert.Equal(b, History(repository, out _).Read().RollbackTarget(a));

        // One live tag and one previous tag in the repository; every image keeps its own tags.
        var images = moto.Ecr.Images(repository);
        Assert.Single(images.SelectMany(i => i.Tags), t => t.StartsWith(DeploymentTag.LivePrefix, StringComparison.Ordinal));
        Assert.Single(images.SelectMany(i => i.Tags), t => t.StartsWith(DeploymentTag.PreviousPrefix, StringComparison.Ordinal));
        Assert.Contains("a", images.Single(i => i.Digest == a).Tags);
        Assert.Contains("b", images.Single(i => i.Digest == b).Tags);
    }

    [Fact]
    public void An_image_whose_only_tag_was_a_deployment_tag_is_kept_with_a_retired_tag()
    {
        var (repository, digests) = Repository("a", "b", "c");
        var history = History(repository, out _);
        history.Record(digests[0]);
        // a loses its own tag while it is live: afterwards its deployment tags are all it has.
        moto.Ecr.RemoveTag(repository, "a");
        history.Record(digests[1]);
        history.Record(digests[2]);

        var a = moto.Ecr.Images(repository).SingleOrDefault(i => i.Digest == digests[0]);
        Assert.True(a.Digest is not null, "the image that was deployed first was deleted with its last tag");
        Assert.Single(a.Tags, t => t.StartsWith("retired-", StringComparison.Ordinal));
        Assert.DoesNotContain(a.Tags, DeploymentTag.IsDeploymentTag);
    }

    private List<string> Tags(string repository) =>
        moto.Ecr.Images(repository).OrderBy(i => i.Digest, StringComparer.Ordinal).Select(i => string.Join(",", i.Tags.Order())).ToList();

    private DeploymentHistory History(string repository, out RecordingConsole console)
    {
        console = new RecordingConsole();
        var root = Directory.CreateTempSubdirectory("dp-history-").FullName;
        var context = TestBuild.Context(BuildRoot, "local", LocalPublication.Session(moto), console);
        return new DeploymentHistory(
            new EcrCli(context, null, context.Aws.CliEnvironment(), new Cake.Core.IO.DirectoryPath(root), context.Aws.Region),
            repository, root, context.Log);
    }

    /// <summary>A fresh repository with one image per tag, each a distinct manifest (a distinct digest).</summary>
    private (string Repository, List<string> Digests) Repository(params string[] tags)
    {
        var (_, name) = moto.Ecr.CreateRepository();
        var digests = tags.Select(tag => moto.Ecr.PutImage(name, tag, Manifest(tag))).ToList();
        return (name, digests);
    }

    private static string Manifest(string seed) => JsonSerializer.Serialize(new
    {
        schemaVersion = 2,
        mediaType = LocalImageManifest.MediaType,
        config = new { mediaType = LocalImageManifest.ConfigMediaType, size = 2, digest = "sha256:" + Hex(seed + "-config") },
        layers = new[] { new { mediaType = LocalImageManifest.LayerMediaType, size = 2, digest = "sha256:" + Hex(seed + "-layer") } },
    });

    private static string Hex(string text) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));

    private static string BuildRoot => Pipeline.BuildSh.RepositoryRoot;
}
