using System.Diagnostics;
using System.Text.Json;
using DataPlatform.Emulator;

namespace DataPlatform.Deploy.Tests.Image;

/// <summary>The tests' own view of moto's ECR, through the real aws CLI: set up repositories, read back what a publish left.</summary>
public sealed class Ecr(Uri endpoint)
{
    public IReadOnlyDictionary<string, string> Environment => EmulatorCredentials.Environment(endpoint);

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
