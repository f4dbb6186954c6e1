using System.Text.Json;

namespace DataPlatform.Deploy.Tests.Pipeline;

/// <summary>
/// Which images an ECR lifecycle policy would expire, by the rules AWS documents: each image
/// belongs to the first rule, by priority, whose tag selection it matches, and only that rule may
/// expire it; a tagPrefixList matches when every prefix starts one of the image's tags; count
/// rules order by push time, newest first. moto stores a policy but never runs it, so this is
/// how a test can ask what the registry's policy does to a given set of images.
/// </summary>
public static class LifecyclePolicySimulation
{
    public sealed record Image(string Digest, IReadOnlyList<string> Tags, DateTimeOffset PushedAt);

    public static IReadOnlySet<string> Expired(string policy, IReadOnlyList<Image> images, DateTimeOffset now)
    {
        using var document = JsonDocument.Parse(policy);
        var rules = document.RootElement.GetProperty("rules").EnumerateArray()
            .OrderBy(r => r.GetProperty("rulePriority").GetInt32())
            .Select(r => r.Clone())
            .ToList();
        var owner = images.ToDictionary(i => i.Digest, i => rules.FindIndex(r => Selects(r.GetProperty("selection"), i)));
        var expired = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < rules.Count; index++)
        {
            var selection = rules[index].GetProperty("selection");
            var own = images.Where(i => owner[i.Digest] == index).OrderByDescending(i => i.PushedAt).ToList();
            var count = selection.GetProperty("countNumber").GetInt32();
            var doomed = selection.GetProperty("countType").GetString() switch
            {
                "imageCountMoreThan" => own.Skip(count),
                "sinceImagePushed" => own.Where(i => now - i.PushedAt > TimeSpan.FromDays(count)),
                var other => throw new NotSupportedException($"countType {other} is not simulated"),
            };
            expired.UnionWith(doomed.Select(i => i.Digest));
        }

        return expired;
    }

    /// <summary>The policy without the rules whose description contains <paramref name="text"/>: what the test removes to show the protection matters.</summary>
    public static string Without(string policy, string text)
    {
        using var document = JsonDocument.Parse(policy);
        var rules = document.RootElement.GetProperty("rules").EnumerateArray()
            .Where(r => !r.GetProperty("description").GetString()!.Contains(text, StringComparison.Ordinal))
            .Select(r => r.Clone())
            .ToList();
        return JsonSerializer.Serialize(new { rules });
    }

    private static bool Selects(JsonElement selection, Image image) =>
        selection.GetProperty("tagStatus").GetString() switch
        {
            "untagged" => image.Tags.Count == 0,
            "tagged" when selection.TryGetProperty("tagPrefixList", out var prefixes) =>
                prefixes.EnumerateArray().All(p => image.Tags.Any(t => t.StartsWith(p.GetString()!, StringComparison.Ordinal))),
            "tagged" => throw new NotSupportedException("only tagPrefixList selections are simulated"),
            "any" => true,
            var other => throw new NotSupportedException($"tagStatus {other} is not simulated"),
        };
}
