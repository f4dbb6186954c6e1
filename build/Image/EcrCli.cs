using System.Text.Json;
using System.Text.RegularExpressions;
using Cake.Core;
using Cake.Core.IO;
using Path = System.IO.Path;
using DataPlatform.Build.Host;

namespace DataPlatform.Build.Image;

/// <summary>
/// The ECR calls of the image release through the AWS CLI (AWSSDK.ECR is not served): look an
/// image up by tag, get a registry password, register a manifest.
/// </summary>
public sealed partial class EcrCli : CommandLineTool<AwsCliSettings>
{
    private readonly string _region;

    public EcrCli(ICakeContext context, FilePath? toolPath, IReadOnlyDictionary<string, string?> environment, DirectoryPath workingDirectory, string region)
        : base(context, toolPath, environment, workingDirectory)
    {
        _region = region;
    }

    /// <summary>The image that carries <paramref name="tag"/>, or null when no image does.</summary>
    public EcrImage? FindImage(string repository, string tag)
    {
        var result = Execute(new ProcessArgumentBuilder()
            .Append("ecr").Append("describe-images")
            .Append("--repository-name").AppendQuoted(repository)
            .Append("--image-ids").AppendQuoted($"imageTag={tag}")
            .Append("--output").Append("json"));
        if (!result.Succeeded)
        {
            if (ErrorCode(result) == "ImageNotFoundException")
            {
                return null;
            }

            throw Failure(result, repository, $"could not look up tag {tag}");
        }

        using var document = JsonDocument.Parse(result.OutputText);
        var detail = document.RootElement.GetProperty("imageDetails").EnumerateArray().FirstOrDefault();
        if (detail.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var tags = detail.TryGetProperty("imageTags", out var list) ? list.EnumerateArray().Select(t => t.GetString()!).ToList() : [];
        return new EcrImage(detail.GetProperty("imageDigest").GetString()!, tags);
    }

    /// <summary>
    /// A password for <c>docker login</c>. It is captured without echo and goes nowhere but the
    /// caller, which hands it to docker on standard input.
    /// </summary>
    public string GetLoginPassword(string repository)
    {
        var result = Execute(new ProcessArgumentBuilder().Append("ecr").Append("get-login-password"));
        var password = result.OutputText.Trim();
        if (!result.Succeeded || password.Length == 0)
        {
            throw Failure(result, repository, "could not get a registry password (aws ecr get-login-password)");
        }

        return password;
    }

    /// <summary>Registers a manifest under a tag (ECR's API for what a push does at its end) and returns the image's digest.</summary>
    public string PutImage(string repository, string tag, string manifestFile, string digest, string mediaType)
    {
        var result = Execute(new ProcessArgumentBuilder()
            .Append("ecr").Append("put-image")
            .Append("--repository-name").AppendQuoted(repository)
            .Append("--image-tag").AppendQuoted(tag)
            .Append("--image-manifest").AppendQuoted("file://" + manifestFile)
            .Append("--image-manifest-media-type").AppendQuoted(mediaType)
            .Append("--image-digest").AppendQuoted(digest)
            .Append("--output").Append("json"));
        if (!result.Succeeded)
        {
            throw Failure(result, repository, $"could not register the image as {tag}");
        }

        using var document = JsonDocument.Parse(result.OutputText);
        return document.RootElement.GetProperty("image").GetProperty("imageId").GetProperty("imageDigest").GetString()!;
    }

    /// <summary>The digests of every image in the repository (an empty list for an empty one).</summary>
    public IReadOnlyList<string> ListImageDigests(string repository)
    {
        var result = Execute(new ProcessArgumentBuilder()
            .Append("ecr").Append("list-images")
            .Append("--repository-name").AppendQuoted(repository)
            .Append("--output").Append("json"));
        if (!result.Succeeded)
        {
            if (ErrorCode(result) == "RepositoryNotFoundException")
            {
                return [];
            }

            throw Failure(result, repository, "could not list the images");
        }

        using var document = JsonDocument.Parse(result.OutputText);
        return document.RootElement.GetProperty("imageIds").EnumerateArray()
            .Select(i => i.TryGetProperty("imageDigest", out var d) ? d.GetString() : null)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Every tagged image of the repository with all its tags (the CLI follows ECR's pages).</summary>
    public IReadOnlyList<EcrImage> ListTaggedImages(string repository)
    {
        var result = Execute(new ProcessArgumentBuilder()
            .Append("ecr").Append("describe-images")
            .Append("--repository-name").AppendQuoted(repository)
            .Append("--filter").Append("tagStatus=TAGGED")
            .Append("--output").Append("json"));
        if (!result.Succeeded)
        {
            throw Failure(result, repository, "could not list the tagged images");
        }

        using var document = JsonDocument.Parse(result.OutputText);
        return document.RootElement.GetProperty("imageDetails").EnumerateArray()
            .Select(d => new EcrImage(
                d.GetProperty("imageDigest").GetString()!,
                d.TryGetProperty("imageTags", out var tags) ? tags.EnumerateArray().Select(t => t.GetString()!).ToList() : []))
            .ToList();
    }

    /// <summary>
    /// Puts one more tag on an image that is already in the repository: its manifest, read back
    /// byte for byte, registered again under the new tag (ECR's way to tag without a push).
    /// </summary>
    public void AddTag(string repository, string digest, string tag, string workDirectory)
    {
        var result = Execute(new ProcessArgumentBuilder()
            .Append("ecr").Append("batch-get-image")
            .Append("--repository-name").AppendQuoted(repository)
            .Append("--image-ids").AppendQuoted($"imageDigest={digest}")
            .Append("--output").Append("json"));
        if (!result.Succeeded)
        {
            throw Failure(result, repository, $"could not read the manifest of {digest}");
        }

        using var document = JsonDocument.Parse(result.OutputText);
        var image = document.RootElement.GetProperty("images").EnumerateArray().FirstOrDefault();
        if (image.ValueKind != JsonValueKind.Object)
        {
            throw new BuildFailedException(
                $"The repository '{repository}' has no image {digest}, so it cannot be tagged {tag}. " +
                "It was deleted by hand or never pushed there; deploy an image that is in the repository.");
        }

        Directory.CreateDirectory(workDirectory);
        var manifestFile = Path.Combine(workDirectory, $"manifest-{digest[7..19]}.json");
        File.WriteAllText(manifestFile, image.GetProperty("imageManifest").GetString()!);
        var mediaType = image.TryGetProperty("imageManifestMediaType", out var type) ? type.GetString()! : LocalImageManifest.MediaType;
        PutImage(repository, tag, manifestFile, digest, mediaType);
    }

    /// <summary>
    /// Removes one tag. ECR deletes an image together with its last tag, so callers make sure
    /// the image keeps another one.
    /// </summary>
    public void RemoveTag(string repository, string tag)
    {
        var result = Execute(new ProcessArgumentBuilder()
            .Append("ecr").Append("batch-delete-image")
            .Append("--repository-name").AppendQuoted(repository)
            .Append("--image-ids").AppendQuoted($"imageTag={tag}")
            .Append("--output").Append("json"));
        if (!result.Succeeded)
        {
            throw Failure(result, repository, $"could not remove the tag {tag}");
        }
    }

    /// <summary>Deletes images by digest, up to 100 a call (ECR's limit).</summary>
    public void DeleteImages(string repository, IEnumerable<string> digests)
    {
        foreach (var chunk in digests.Chunk(100))
        {
            var arguments = new ProcessArgumentBuilder()
                .Append("ecr").Append("batch-delete-image")
                .Append("--repository-name").AppendQuoted(repository)
                .Append("--image-ids");
            foreach (var digest in chunk)
            {
                arguments.AppendQuoted($"imageDigest={digest}");
            }

            var result = Execute(arguments.Append("--output").Append("json"));
            if (!result.Succeeded)
            {
                throw Failure(result, repository, "could not delete the images");
            }
        }
    }

    protected override string GetToolName() => "AWS CLI";

    protected override IEnumerable<string> GetToolExecutableNames() => ["aws", "aws.exe", "aws.cmd"];

    /// <summary>The AWS error code in the CLI's message, e.g. "ImageNotFoundException".</summary>
    private static string? ErrorCode(ToolResult result)
    {
        var match = ErrorCodePattern().Match(string.Join('\n', result.Errors));
        return match.Success ? match.Groups[1].Value : null;
    }

    private BuildFailedException Failure(ToolResult result, string repository, string what) =>
        ErrorCode(result) switch
        {
            "RepositoryNotFoundException" => new BuildFailedException(
                $"The image repository '{repository}' does not exist in {_region}, so there is nowhere to put the processor's image. " +
                "Apply the registry stack first (the Deploy target does it before the image), then try again."),
            "AccessDeniedException" or "UnrecognizedClientException" or "ExpiredTokenException" => new BuildFailedException(
                $"ECR refused the request for '{repository}' ({what}): {result.LastError}. " +
                "Check the credentials of this environment (AWS_PROFILE, --profile, or the CI role) and their ECR permissions."),
            _ => new BuildFailedException(
                $"ECR {what} in repository '{repository}': {result.LastError}. " +
                "Run the same aws ecr command by hand to see the whole error; the region is " + _region + "."),
        };

    [GeneratedRegex(@"\(([A-Za-z]+(?:Exception|Error))\)")]
    private static partial Regex ErrorCodePattern();
}
