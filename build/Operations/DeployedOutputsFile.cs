using System.Text.Json;

namespace DataPlatform.Build.Operations;

/// <summary>
/// The environment's last written <c>artifacts/&lt;env&gt;/outputs.json</c>, read only to name the real queues
/// and bucket in a <c>--dryrun</c> (which starts nothing and runs no terraform); the targets themselves read
/// the stacks' outputs.
/// </summary>
public static class DeployedOutputsFile
{
    public static Func<string, string> Reader(BuildContext context)
    {
        Dictionary<string, string>? outputs = null;
        var file = Path.Combine(context.EnvironmentArtifactsDirectory, "outputs.json");
        try
        {
            outputs = File.Exists(file) ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(file)) : null;
        }
        catch (JsonException)
        {
        }

        return name => outputs?.GetValueOrDefault(name) is { Length: > 0 } value
            ? value
            : $"<{name} of '{context.Deployment.Name}' (no outputs.json yet: run ./build.sh --target=Outputs)>";
    }
}
