using System.Text.Json;

namespace DataPlatform.Deployment.Terraform;

/// <summary>
/// Stand-ins for the outputs of stacks that are not applied yet, so that Plan can still show
/// every stack (Terragrunt's mock outputs). They are derived from the consuming stack's own
/// variable declarations: an optional variable is left out, so the stack's default applies
/// (never a null that a validation or a <c>x != ""</c> test would trip on); a required one gets
/// a value shaped like the real one when its type allows, else the plainest value of its type.
/// Every stand-in is obviously fake (account 000000000000, names starting with "placeholder").
/// </summary>
public static class PlaceholderInputs
{
    public const string Account = "000000000000";

    private const string Digest = "sha256:0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>
    /// The values to pass for the <paramref name="missing"/> inputs of the stack in
    /// <paramref name="stackDirectory"/>. A missing name not in the result is meant to stay
    /// absent, so the stack's default stands in. <paramref name="known"/> holds the real
    /// inputs, from which related stand-ins are derived (the image lives in the repository the
    /// stack is given, real or not).
    /// </summary>
    public static IReadOnlyDictionary<string, JsonElement> For(
        string stackDirectory, IEnumerable<string> missing, IReadOnlyDictionary<string, JsonElement> known, string region)
    {
        var declared = TerraformDeclarations.VariableDeclarations(stackDirectory);
        var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var visible = new Dictionary<string, JsonElement>(known, StringComparer.Ordinal);

        // The image is derived from the repository, so it comes after it.
        foreach (var name in missing.Distinct().OrderBy(n => n == "image_uri" ? 1 : 0))
        {
            if (!declared.TryGetValue(name, out var declaration) || declaration.Optional)
            {
                continue;
            }

            var shaped = Shaped(name, region, visible);
            var value = shaped is { } candidate && Fits(candidate, declaration.Type) ? candidate : OfType(name, declaration.Type);
            values[name] = value;
            visible[name] = value;
        }

        return values;
    }

    private static JsonElement? Shaped(string name, string region, IReadOnlyDictionary<string, JsonElement> visible)
    {
        var repositoryUrl = visible.TryGetValue("repository_url", out var url) && url.ValueKind == JsonValueKind.String
            ? url.GetString()!
            : $"{Account}.dkr.ecr.{region}.amazonaws.com/placeholder";
        object? value = name switch
        {
            "lake_bucket" => "placeholder-lake-bucket",
            "lake_bucket_arn" => "arn:aws:s3:::placeholder-lake-bucket",
            "lake_prefix" => "",
            "kms_key_arn" => $"arn:aws:kms:{region}:{Account}:key/placeholder",
            "ingest_queue_arn" => $"arn:aws:sqs:{region}:{Account}:placeholder-ingest",
            "ingest_queue_url" => $"https://sqs.{region}.amazonaws.com/{Account}/placeholder-ingest",
            "dead_letter_queue_arn" => $"arn:aws:sqs:{region}:{Account}:placeholder-ingest-dlq",
            "dead_letter_queue_url" => $"https://sqs.{region}.amazonaws.com/{Account}/placeholder-ingest-dlq",
            "processor_role_arn" => $"arn:aws:iam::{Account}:role/placeholder-processor",
            "processor_role_name" => "placeholder-processor",
            "alarm_topic_arn" => $"arn:aws:sns:{region}:{Account}:placeholder-alarms",
            "repository_url" => repositoryUrl,
            "repository_arn" => $"arn:aws:ecr:{region}:{Account}:repository/placeholder",
            "repository_name" => "placeholder",
            "image_uri" => $"{repositoryUrl}@{Digest}",
            // The two extremes keep "visibility timeout ≥ 6 × function timeout" true whatever
            // the other one is: Lambda's longest timeout, SQS's longest visibility timeout.
            "processor_timeout_seconds" => 900,
            "ingest_queue_visibility_timeout_seconds" => 43200,
            _ when name.EndsWith("_arn", StringComparison.Ordinal) => $"arn:aws:iam::{Account}:placeholder/{name}",
            _ => null,
        };
        return value is null ? null : JsonSerializer.SerializeToElement(value);
    }

    private static bool Fits(JsonElement value, string type) => Kind(type) switch
    {
        "any" => true,
        "bool" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "number" => value.ValueKind == JsonValueKind.Number,
        "string" => value.ValueKind == JsonValueKind.String,
        "list" or "set" or "tuple" => value.ValueKind == JsonValueKind.Array,
        _ => value.ValueKind == JsonValueKind.Object,
    };

    private static JsonElement OfType(string name, string type) => Kind(type) switch
    {
        "bool" => JsonSerializer.SerializeToElement(false),
        // The smallest count or duration most ranges accept.
        "number" => JsonSerializer.SerializeToElement(1),
        "list" or "set" or "tuple" => JsonSerializer.SerializeToElement(Array.Empty<string>()),
        "map" or "object" => JsonSerializer.SerializeToElement(new Dictionary<string, string>()),
        _ => JsonSerializer.SerializeToElement($"placeholder-{name.Replace('_', '-')}"),
    };

    /// <summary>"list(string)" → "list", "string" → "string".</summary>
    private static string Kind(string type)
    {
        var open = type.IndexOf('(');
        return (open < 0 ? type : type[..open]).Trim();
    }
}
