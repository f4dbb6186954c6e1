using System.Text;
using System.Text.Json;
using DataPlatform.Deployment.Environments;
using DataPlatform.Deployment.Terraform;
using DataPlatform.Infrastructure.Tests.Terraform;

namespace DataPlatform.Infrastructure.Tests.RootModule;

/// <summary>
/// The documented path through the root module, against the emulator, in a copy of
/// <c>terraform/</c>: init, plan, apply without an image, output, apply with one, output, destroy.
/// The variables sit in the auto-loaded <c>terraform.tfvars.json</c>, so every command is the one
/// the README shows (apply adds -auto-approve in place of typing yes). Beside it, the prod
/// environment is planned through the root, for comparison with the stacks' prod plans.
/// Everything is recorded; <see cref="RootModuleTests"/> only asserts.
/// </summary>
public sealed class RootModuleCycle(string workRoot, Uri endpoint, IReadOnlyDictionary<string, string?> awsEnvironment)
{
    /// <summary>Not any environment's prefix, so the root shares the emulator with the stacks' local cycle.</summary>
    public const string LocalNamePrefix = "dp-root";

    private readonly StringBuilder _transcript = new();

    /// <summary>Every command of the local path, in order, with what it did.</summary>
    public List<TerraformResult> Steps { get; } = [];

    /// <summary>The commands of the prod plan.</summary>
    public List<TerraformResult> ProdSteps { get; } = [];

    public IReadOnlyList<string>? StateWithoutImage { get; private set; }

    public JsonElement? OutputsWithoutImage { get; private set; }

    public IReadOnlyList<string>? StateWithImage { get; private set; }

    public JsonElement? OutputsWithImage { get; private set; }

    public IReadOnlyList<string>? StateAfterDestroy { get; private set; }

    /// <summary>The image of the second apply: the root's own repository by a fixed digest (moto stubs ECR for Lambda).</summary>
    public string ImageUri { get; private set; } = "";

    /// <summary><c>terraform show -json</c> of the root's prod plan.</summary>
    public string? ProdPlan { get; private set; }

    public Exception? Failure { get; private set; }

    public Exception? ProdFailure { get; private set; }

    /// <summary>The commands and their output as a person would have seen them (for terraform/README.md).</summary>
    public string Transcript => _transcript.ToString();

    /// <summary>The local path end to end: stops at the first failed command, and destroys whatever it applied.</summary>
    public async Task RunLocalAsync()
    {
        var directory = RootModuleCopy.Create(Path.Combine(workRoot, "local"));
        var local = EnvironmentSettings.Load(RepositoryLayout.EnvironmentsDirectory, "local");
        WriteVariables(directory, local, new() { ["name_prefix"] = LocalNamePrefix });
        var environment = Environment(directory);
        var applied = false;
        try
        {
            await Run(directory, environment, "init", "-input=false", "-lockfile=readonly");
            await Run(directory, environment, "plan", "-input=false");
            applied = true;
            await Run(directory, environment, "apply", "-input=false", "-auto-approve");
            OutputsWithoutImage = await Outputs(directory, environment);
            StateWithoutImage = await State(directory, environment);

            var repository = OutputsWithoutImage.Value.GetProperty("repository_url").GetProperty("value").GetString();
            ImageUri = $"{repository}@sha256:{new string('c', 64)}";
            await Run(directory, environment, "apply", "-input=false", "-auto-approve", $"-var=image_uri={ImageUri}");
            OutputsWithImage = await Outputs(directory, environment);
            StateWithImage = await State(directory, environment);
        }
        catch (Exception failure)
        {
            Failure = failure;
        }

        if (!applied)
        {
            return;
        }

        try
        {
            string[] image = ImageUri.Length > 0 ? [$"-var=image_uri={ImageUri}"] : [];
            await Run(directory, environment, ["destroy", "-input=false", "-auto-approve", .. image]);
            StateAfterDestroy = await State(directory, environment);
        }
        catch (Exception failure)
        {
            Failure ??= failure;
        }
    }

    /// <summary>The prod environment through the root, planned only, with the image the stacks' prod plan gets.</summary>
    public async Task PlanProdAsync(string imageUri)
    {
        try
        {
            var directory = RootModuleCopy.Create(Path.Combine(workRoot, "prod"));
            var prod = EnvironmentSettings.Load(RepositoryLayout.EnvironmentsDirectory, "prod");
            WriteVariables(directory, prod, new() { ["image_uri"] = imageUri });
            var environment = Environment(directory);
            await Run(ProdSteps, directory, environment, ["init", "-input=false", "-lockfile=readonly"]);
            await Run(ProdSteps, directory, environment, ["plan", "-input=false", "-out=prod.tfplan"]);
            ProdPlan = (await Run(ProdSteps, directory, environment, ["show", "-json", "prod.tfplan"])).StandardOutput;
        }
        catch (Exception failure)
        {
            ProdFailure = failure;
        }
    }

    /// <summary>
    /// The environment file's values that the root declares (so terraform never warns about the
    /// build-only keys), the emulator's endpoint, and the overrides, as terraform.tfvars.json.
    /// </summary>
    private void WriteVariables(string directory, EnvironmentSettings settings, Dictionary<string, string> overrides)
    {
        var declared = TerraformDeclarations.Variables(directory);
        var values = settings.StackValues.Where(v => declared.Contains(v.Key)).ToDictionary(v => v.Key, v => (object)v.Value);
        values["aws_endpoint_url"] = endpoint.ToString().TrimEnd('/');
        foreach (var (name, value) in overrides)
        {
            values[name] = value;
        }

        File.WriteAllText(Path.Combine(directory, "terraform.tfvars.json"), JsonSerializer.Serialize(values, new JsonSerializerOptions { WriteIndented = true }));
    }

    private Dictionary<string, string?> Environment(string directory)
    {
        // .terraform where `cd terraform && terraform init` puts it; the offline CLI config when this machine needs one.
        var environment = new Dictionary<string, string?>(TerraformCommands.IsolatedEnvironment(Path.Combine(directory, ".terraform")));
        foreach (var (key, value) in awsEnvironment)
        {
            environment[key] = value;
        }

        return environment;
    }

    private async Task<JsonElement> Outputs(string directory, IReadOnlyDictionary<string, string?> environment)
    {
        var output = await Run(directory, environment, "output", "-json");
        using var document = JsonDocument.Parse(output.StandardOutput);
        await Run(directory, environment, "output");
        return document.RootElement.Clone();
    }

    private async Task<IReadOnlyList<string>> State(string directory, IReadOnlyDictionary<string, string?> environment) =>
        [.. (await Run(directory, environment, "state", "list")).StandardOutput.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>One command of the local path, kept in <see cref="Steps"/> and, when the README shows it, in the transcript.</summary>
    private async Task<TerraformResult> Run(string directory, IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var result = await Run(Steps, directory, environment, arguments);
        if (arguments[0] != "state" && !arguments.Contains("-json"))
        {
            _transcript.AppendLine($"$ terraform {string.Join(' ', arguments)}    # {result.Elapsed.TotalSeconds:0} s").AppendLine(result.Output.TrimEnd()).AppendLine();
        }

        return result;
    }

    private static async Task<TerraformResult> Run(List<TerraformResult> steps, string directory, IReadOnlyDictionary<string, string?> environment, IReadOnlyList<string> arguments)
    {
        // -no-color goes after the command, and after a subcommand (state list) that has one.
        var command = arguments[0] == "state" ? 2 : 1;
        var result = await TerraformCommands.RunAsync(directory, [.. arguments.Take(command), "-no-color", .. arguments.Skip(command)], environment);
        steps.Add(result);

        return result.ExitCode == 0
            ? result
            : throw new InvalidOperationException(result.Describe());
    }
}
