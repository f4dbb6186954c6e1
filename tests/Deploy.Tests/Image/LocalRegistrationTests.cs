using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DataPlatform.Build.Image;

namespace DataPlatform.Deploy.Tests.Image;

/// <summary>
/// The local environment without a Docker engine: the processor is published with dotnet and
/// registered in moto's ECR by a hand-written manifest, so the compute stack gets a digest that exists.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class LocalRegistrationTests(MotoFixture moto)
{
    [Fact]
    public async Task Registers_the_image_under_the_content_and_commit_tags_with_the_returned_digest()
    {
        var publication = await moto.LocalPublicationAsync();
        var image = publication.Image;

        var stored = Assert.Single(moto.Ecr.Images(publication.RepositoryName));
        Assert.Equal(image.Digest, stored.Digest);
        Assert.Matches("^sha256:[0-9a-f]{64}$", image.Digest);
        Assert.Equal($"{publication.RepositoryUrl}@{image.Digest}", image.Uri);
        var content = ImageContent.Compute(publication.Tree.Root);
        Assert.Equal(
            new[] { content.Tag, "git-" + publication.Tree.Head()[..12] }.Order(),
            stored.Tags.Order());
        Assert.Equal(stored.Tags.Order(), image.Tags.Order());
        Assert.False(image.Reused);
        Assert.Equal(PublishedImage.LocalRegistrationMethod, image.Method);
    }

    [Fact]
    public async Task The_manifest_is_a_docker_v2_manifest_whose_layer_is_the_publish_output()
    {
        var publication = await moto.LocalPublicationAsync();
        var manifest = moto.Ecr.Manifest(publication.RepositoryName, publication.Image.Digest);

        // ECR names an image by the SHA-256 of its manifest's bytes.
        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(manifest))), publication.Image.Digest);
        using var document = JsonDocument.Parse(manifest);
        var root = document.RootElement;
        Assert.Equal(2, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("application/vnd.docker.distribution.manifest.v2+json", root.GetProperty("mediaType").GetString());
        Assert.Equal("application/vnd.docker.container.image.v1+json", root.GetProperty("config").GetProperty("mediaType").GetString());
        var layer = Assert.Single(root.GetProperty("layers").EnumerateArray());

        var layerFile = Path.Combine(publication.Tree.Root, ".state", "image", "processor-layer.tar");
        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(layerFile))), layer.GetProperty("digest").GetString());
        Assert.Equal(new FileInfo(layerFile).Length, layer.GetProperty("size").GetInt64());

        // The layer holds what the Dockerfile copies into LAMBDA_TASK_ROOT: the ReadyToRun publish output.
        var names = new List<string>();
        using (var reader = new TarReader(File.OpenRead(layerFile)))
        {
            while (reader.GetNextEntry() is { } entry)
            {
                names.Add(entry.Name);
            }
        }

        Assert.Contains("var/task/Processor.dll", names);
        Assert.Contains("var/task/Processor.deps.json", names);
        Assert.Contains("var/task/contracts/order.created.json", names);
        Assert.True(File.Exists(Path.Combine(publication.Tree.Root, ".state", "image", "publish", "Processor.dll")));
    }

    [Fact]
    public async Task Says_that_no_engine_is_reachable_and_what_it_does_instead()
    {
        var publication = await moto.LocalPublicationAsync();

        Assert.Contains("no Docker engine is reachable", publication.Log);
        Assert.Contains("dotnet publish of the processor", publication.Log);
        Assert.Contains($"Image: {publication.Image.Uri}", publication.Log);
    }

    [Fact]
    public async Task A_second_publish_of_unchanged_content_reuses_the_image_without_publishing()
    {
        var publication = await moto.LocalPublicationAsync();

        var (again, log, elapsed) = await publication.PublishAgainAsync(moto);

        Assert.True(again.Reused);
        Assert.Equal(PublishedImage.ReusedMethod, again.Method);
        Assert.Equal(publication.Image.Uri, again.Uri);
        Assert.Contains("reusing it, nothing to build or push", log);
        Assert.DoesNotContain("dotnet publish", log);
        Assert.Single(moto.Ecr.Images(publication.RepositoryName));
        Assert.True(elapsed < TimeSpan.FromSeconds(20), $"A reuse took {elapsed.TotalSeconds:0.0} s; it should only ask ECR.");
    }
}
