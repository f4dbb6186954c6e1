using System.Text.Json;

namespace DataPlatform.Deployment.Terraform;

/// <summary>
/// Stand-ins for the outputs of stacks that are not applied yet, so that Plan can still show
/// every stack (Terragrunt's mock outputs). Shaped like the real values, so variable validation
/// passes, and obviously fake, so nobody mistakes one for a real resource.
/// </summary>
public static class PlaceholderInputs
{
    public const string Account = "000000000000";

    public static JsonElement For(string name, string region)
    {
        object? value = name switch
        {
            "lake_bucket" => "placeholder-lake-bucket",
            "lake_bucket_arn" => "arn:aws:s3:::placeholder-lake-bucket",
            "lake_prefix" => "",
            "kms_key_arn" => null,
            "ingest_queue_arn" => $"arn:aws:sqs:{region}:{Account}:placeholder-ingest",
            "ingest_queue_url" => $"https://sqs.{region}.amazonaws.com/{Account}/placeholder-ingest",
            "dead_letter_queue_arn" => $"arn:aws:sqs:{region}:{Account}:placeholder-ingest-dlq",
            "dead_letter_queue_url" => $"https://sqs.{region}.amazonaws.com/{Account}/placeholder-ingest-dlq",
            "processor_role_arn" => $"arn:aws:iam::{Account}:role/placeholder-processor",
            "processor_role_name" => "placeholder-processor",
            "repository_url" => RepositoryUrl(region),
            "repository_arn" => $"arn:aws:ecr:{region}:{Account}:repository/placeholder",
            "repository_name" => "placeholder",
            "image_uri" => ImageUri(region),
            _ when name.EndsWith("_seconds", StringComparison.Ordinal) => 900,
            _ when name.EndsWith("_arn", StringComparison.Ordinal) => $"arn:aws:iam::{Account}:placeholder/{name}",
            _ => $"placeholder-{name.Replace('_', '-')}",
        };
        return JsonSerializer.SerializeToElement(value);
    }

    public static string RepositoryUrl(string region) => $"{Account}.dkr.ecr.{region}.amazonaws.com/placeholder";

    public static string ImageUri(string region) => $"{RepositoryUrl(region)}@sha256:{new string('0', 64)}";
}
