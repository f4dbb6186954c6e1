using DataPlatform.Build.Image;

namespace DataPlatform.Deploy.Tests.Image;

/// <summary>The content hash decides whether an image is rebuilt: it must follow the image's inputs and nothing else.</summary>
public sealed class ImageContentTests : IDisposable
{
    private readonly SourceTree _tree = SourceTree.Copy();

    [Fact]
    public void Build_output_does_not_change_the_hash()
    {
        var before = ImageContent.Compute(_tree.Root);
        Directory.CreateDirectory(Path.Combine(_tree.Root, "src/Processor/bin/Release"));
        Directory.CreateDirectory(Path.Combine(_tree.Root, "src/Processor/obj"));
        _tree.Write("src/Processor/bin/Release/Processor.dll", "compiled");
        _tree.Write("src/Processor/obj/project.assets.json", "{}");

        Assert.Equal(before.Hash, ImageContent.Compute(_tree.Root).Hash);
    }

    [Fact]
    public void A_processor_source_change_changes_the_hash()
    {
        var before = ImageContent.Compute(_tree.Root);
        _tree.Write("src/Processor/Function.cs", File.ReadAllText(Path.Combine(_tree.Root, "src/Processor/Function.cs")) + "\n// changed\n");

        var after = ImageContent.Compute(_tree.Root);

        Assert.NotEqual(before.Hash, after.Hash);
        Assert.NotEqual(before.Tag, after.Tag);
    }

    [Fact]
    public void A_contract_change_changes_the_hash()
    {
        var before = ImageContent.Compute(_tree.Root);
        _tree.Write("contracts/order.created.json", File.ReadAllText(Path.Combine(_tree.Root, "contracts/order.created.json")).Replace("\"EUR\"", "\"EUR\", \"CHF\"", StringComparison.Ordinal));

        Assert.Contains("contracts/order.created.json", before.Files);
        Assert.NotEqual(before.Hash, ImageContent.Compute(_tree.Root).Hash);
    }

    [Fact]
    public void A_package_version_change_changes_the_hash()
    {
        var before = ImageContent.Compute(_tree.Root);
        _tree.Write("Directory.Packages.props", File.ReadAllText(Path.Combine(_tree.Root, "Directory.Packages.props")).Replace("6.1.0", "6.1.1"));

        Assert.NotEqual(before.Hash, ImageContent.Compute(_tree.Root).Hash);
    }

    [Fact]
    public void The_hash_covers_the_dockerfile_and_the_processor_but_not_other_folders()
    {
        var content = ImageContent.Compute(_tree.Root);
        _tree.Write("terraform/environments/local.tfvars", "# not an image input\n");

        Assert.Contains("src/Processor/Dockerfile", content.Files);
        Assert.Contains("src/Processor/Processor.csproj", content.Files);
        Assert.Contains("Directory.Build.props", content.Files);
        Assert.Equal(content.Hash, ImageContent.Compute(_tree.Root).Hash);
    }

    public void Dispose() => _tree.Dispose();
}
