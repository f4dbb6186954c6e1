using System.Diagnostics;
using System.Text.Json;
using DataPlatform.Emulator;

namespace DataPlatform.Deploy.Tests.Image;

/// <summary>
/// The tests' own view of moto's ECR, through the real aws CLI: set up repositories, read back what a
/// publish left. <paramref name="environment"/> names the caller (an enforcing emulator's administrator); the dummy keys otherwise.
/// </summary>
public sealed class Ecr(Uri endpoint, IReadOnlyDictionary<string, string>? environment = null)
{
    public IReadOnlyDictionary<string, string> Environment => environment ?? EmulatorCredentials.Environment(endpoint);

    /// <summary>A fresh repository with immutable tags, like the registry module's; returns (url, name).</summary>
    public (string Url, string Name) CreateRepository()
    {
        var name = "processor-" + Guid.NewGuid().ToString("N")[..10];
        using var created = Json("ecr", "create-repository", "--repository-name", name, "--image-tag-mutability", "IMMUTABLE");
        return (created.RootElement.GetProperty("repository").GetProperty("repositoryUri").GetString()!, name);
    }

    /// <summary>Every image of the repository: digest and tags.</summary>
    public List<(string Digest, List<string> Tags)> Images(string repository)
    {
        using var images = Json("ecr", "describe-images", "--repository-name", repository);
        return images.RootElement.GetProperty("imageDetails").EnumerateArray()
            .Select(i => (
                i.GetProperty("imageDigest").GetString()!,
                i.TryGetProperty("imageTags", out var tags) ? tags.EnumerateArray().Select(t => t.GetString()!).ToList() : []))
            .ToList();
    }

    public string Manifest(string repository, string digest)
    {
        using var image = Json("ecr", "batch-get-image", "--repository-name", repository, "--image-ids", $"imageDigest={digest}");
        return image.RootElement.GetProperty("images")[0].GetProperty("imageManifest").GetString()!;
    }

    /// <summary>Registers a manifest under a tag, as a push would; returns the image's digest.</summary>
    public string PutImage(string repository, string tag, string manifest)
    {
        using var put = Json("ecr", "put-image", "--repository-name", repository, "--image-tag", tag, "--image-manifest", manifest);
        return put.RootElement.GetProperty("image").GetProperty("imageId").GetProperty("imageDigest").GetString()!;
    }

    /// <summary>Removes one tag (the image stays while it has another).</summary>
    public void RemoveTag(string repository, string tag) =>
        Run("ecr", "batch-delete-image", "--repository-name", repository, "--image-ids", $"imageTag={tag}");

    /// <summary>The repository's lifecycle policy text, as ECR stores it.</summary>
    public string LifecyclePolicy(string repository)
    {
        using var policy = Json("ecr", "get-lifecycle-policy", "--repository-name", repository);
        return policy.RootElement.GetProperty("lifecyclePolicyText").GetString()!;
    }

    public string LoginPassword() => Run("ecr", "get-login-password").Trim();

    private JsonDocument Json(params string[] arguments) => JsonDocument.Parse(Run([.. arguments, "--output", "json"]));

    private string Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("aws") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in Environment)
        {
            start.Environment[name] = value;
        }

        foreach (var name in EmulatorCredentials.VariablesToClear)
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"aws {string.Join(' ', arguments)} failed: {error.Result}");
        }

        return output;
    }
}
