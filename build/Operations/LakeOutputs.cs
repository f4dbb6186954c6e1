using DataPlatform.Build.Host;
using DataPlatform.Deployment.Terraform;

namespace DataPlatform.Build.Operations;

/// <summary>The storage stack's outputs an operator target reads: the queues, the lake bucket and its prefix.</summary>
public sealed record LakeOutputs(string QueueUrl, string DeadLetterQueueUrl, string Bucket, string Prefix)
{
    /// <summary>The last segment of the queue URL: CloudWatch's QueueName dimension.</summary>
    public string QueueName => QueueUrl[(QueueUrl.TrimEnd('/').LastIndexOf('/') + 1)..];

    public static LakeOutputs Read(BuildContext context, string target)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Stacks.Init([StackCatalog.Storage]);
        context.Stacks.ReadOutputs([StackCatalog.Storage]);
        var storage = context.Stacks.OutputsOf(StackCatalog.Storage);
        if (!storage.TryGetValue("ingest_queue_url", out var queue) || !storage.TryGetValue("lake_bucket", out var bucket)
            || !storage.TryGetValue("dead_letter_queue_url", out var deadLetters))
        {
            throw new BuildFailedException(
                $"{target} needs a deployed environment, but '{context.Deployment.Name}' has no storage stack outputs. Run ./build.sh --target=Deploy first.");
        }

        var prefix = storage.TryGetValue("lake_prefix", out var p) ? p.GetString() ?? "" : "";
        return new LakeOutputs(queue.GetString()!, deadLetters.GetString()!, bucket.GetString()!, prefix);
    }

    /// <summary>
    /// What the last Deploy or Outputs wrote to <c>artifacts/&lt;env&gt;/outputs.json</c>, for a dry run that must name the
    /// real queues and bucket without starting the emulator or Terraform; null when there is no such file.
    /// </summary>
    public static LakeOutputs? FromArtifacts(BuildContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var file = Path.Combine(context.EnvironmentArtifactsDirectory, "outputs.json");
        if (!File.Exists(file))
        {
            return null;
        }

        var values = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(file)) ?? [];
        return values.TryGetValue("ingest_queue_url", out var queue) && values.TryGetValue("dead_letter_queue_url", out var deadLetters)
            && values.TryGetValue("lake_bucket", out var bucket)
            ? new LakeOutputs(queue, deadLetters, bucket, values.GetValueOrDefault("lake_prefix") ?? "")
            : null;
    }

    /// <summary>A step's wording: the real name when the outputs are known, the output's name otherwise.</summary>
    public static string Describe(LakeOutputs? outputs, Func<LakeOutputs, string> value, string placeholder) =>
        outputs is null ? placeholder : value(outputs);
}
