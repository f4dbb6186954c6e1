using System.Text.Encodings.Web;
using System.Text.Json;
using DataPlatform.Build.Host;
using DataPlatform.Deployment.Terraform;

namespace DataPlatform.Build.Tasks;

[TaskName("Outputs")]
[TaskDescription("Prints the deployed platform's outputs and writes artifacts/<env>/outputs.json.")]
[IsDependentOn(typeof(UpTask))]
public sealed class OutputsTask : BuildTask<BuildContext>
{
    /// <summary>The flat names users and scripts rely on, and the stack output each comes from.</summary>
    public static IReadOnlyList<(string Name, Stack Stack, string Output)> Map { get; } =
    [
        ("lake_bucket", StackCatalog.Storage, "lake_bucket"),
        ("ingest_queue_url", StackCatalog.Storage, "ingest_queue_url"),
        ("dead_letter_queue_url", StackCatalog.Storage, "dead_letter_queue_url"),
        ("ecr_repository_url", StackCatalog.Registry, "repository_url"),
        ("processor_function_name", StackCatalog.Compute, "processor_function_name"),
        ("processor_image_uri", StackCatalog.Compute, "processor_image_uri"),
        // The deployed processor's configuration, which the local runner's --outputs follows.
        ("processor_environment", StackCatalog.Compute, "processor_environment"),
        ("processor_batch_size", StackCatalog.Compute, "processor_batch_size"),
        ("processor_batching_window_seconds", StackCatalog.Compute, "processor_batching_window_seconds"),
        ("processor_maximum_concurrency", StackCatalog.Compute, "processor_maximum_concurrency"),
    ];

    public override void Run(BuildContext context)
    {
        context.Stacks.Init(StackCatalog.All);
        context.Stacks.ReadOutputs(StackCatalog.All);
        var flat = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["environment"] = context.Deployment.Name,
            ["region"] = context.Aws.Region,
        };
        var missing = new List<string>();
        foreach (var (name, stack, output) in Map)
        {
            if (context.Stacks.OutputsOf(stack).TryGetValue(output, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
            {
                // Every value is a string, so scripts read the file as one flat map; a number or a map is its JSON text.
                flat[name] = value.ValueKind == JsonValueKind.String ? value.GetString()! : JsonSerializer.Serialize(value);
            }
            else
            {
                missing.Add($"{name} ({stack.Name})");
            }
        }

        if (context.Deployment.UsesEmbeddedEmulator && context.Aws.Endpoint is { } endpoint)
        {
            flat["aws_endpoint_url"] = endpoint.ToString().TrimEnd('/');
        }

        var width = flat.Keys.Max(k => k.Length);
        foreach (var (name, value) in flat)
        {
            context.Log.Information($"{name.PadRight(width)}  {value}");
        }

        Directory.CreateDirectory(context.EnvironmentArtifactsDirectory);
        var file = Path.Combine(context.EnvironmentArtifactsDirectory, "outputs.json");
        // Relaxed escaping keeps the environment's JSON text readable ("…" rather than \u0022…\u0022).
        File.WriteAllText(file, JsonSerializer.Serialize(flat, new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        context.Log.Information($"Written to {Path.GetRelativePath(context.RepositoryRoot, file)}.");
        if (missing.Count > 0)
        {
            context.Log.Warning($"Not deployed yet: {string.Join(", ", missing)}. ./build.sh --target=Deploy --env={context.Deployment.Name} creates them.");
        }
    }
}
