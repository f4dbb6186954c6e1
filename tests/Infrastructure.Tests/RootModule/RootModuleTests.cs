using System.Text.Json;
using DataPlatform.Infrastructure.Tests.Platform;
using DataPlatform.Infrastructure.Tests.Policies;

namespace DataPlatform.Infrastructure.Tests.RootModule;

/// <summary>
/// `cd terraform && terraform init && terraform plan && terraform apply && terraform output` works,
/// and yields what the build's four stacks yield: the same resources by module-relative address
/// (derived from the stacks' own states and plans, so a module added to both is compared too), and
/// for prod the same names and settings.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class RootModuleTests(PlatformFixture platform)
{
    private static readonly string[] Unshared = ["tags", "tags_all"];

    private RootModuleCycle Root => platform.Root;

    [Fact]
    public void The_documented_path_runs_from_init_to_destroy_and_leaves_no_state()
    {
        Assert.True(Root.Failure is null, Explain("the root module's path"));

        // output twice: -json for the test, plain for the person (and the transcript).
        string[] expected = ["init", "plan", "apply", "output", "output", "state", "apply", "output", "output", "state", "destroy", "state"];
        Assert.Equal(expected, Root.Steps.Select(s => s.Command.Split(' ')[0]));
        Assert.All(Root.Steps, s => Assert.True(s.ExitCode == 0, s.Describe()));
        Assert.NotNull(Root.StateAfterDestroy);
        Assert.Empty(Root.StateAfterDestroy);
    }

    [Fact]
    public void Without_an_image_it_creates_what_the_stacks_create_but_the_functions_and_their_alarms()
    {
        var stacks = StacksState();
        Assert.Contains("module.processor.aws_lambda_function.this", stacks);

        // The function's alarms watch the function by name, so they wait for it (module.processor_alarms);
        // compaction runs from the same image (module.compaction).
        string[] waitForTheImage = ["module.processor.", "module.processor_alarms.", "module.compaction."];
        var expected = new SortedSet<string>(
            stacks.Where(a => !waitForTheImage.Any(m => a.StartsWith(m, StringComparison.Ordinal))), StringComparer.Ordinal);
        Assert.True(Root.StateWithoutImage is not null, Explain("the apply without an image"));
        Assert.Equal(expected, ModuleRelativeAddress.Of(Root.StateWithoutImage));
    }

    [Fact]
    public void Without_an_image_its_output_says_how_to_push_one_and_apply_again()
    {
        Assert.True(Root.OutputsWithoutImage is not null, Explain("the output without an image"));
        var outputs = Root.OutputsWithoutImage.Value;
        var repository = Value(outputs, "repository_url");
        var next = Value(outputs, "next_step");

        Assert.Contains($"docker buildx build --platform linux/amd64 --provenance=false -f src/Processor/Dockerfile -t {repository}:", next, StringComparison.Ordinal);
        Assert.Contains($"terraform apply -var image_uri={repository}@$DIGEST", next, StringComparison.Ordinal);
        Assert.False(outputs.TryGetProperty("processor_function_name", out _), "Without an image there is no function, so no function name.");
    }

    [Fact]
    public void With_an_image_it_holds_the_same_resources_as_the_four_stacks()
    {
        Assert.True(Root.StateWithImage is not null, Explain("the apply with an image"));

        Assert.Equal(StacksState(), ModuleRelativeAddress.Of(Root.StateWithImage));
    }

    [Fact]
    public void With_an_image_it_outputs_everything_the_stacks_output_and_runs_that_image()
    {
        Assert.True(Root.OutputsWithImage is not null, Explain("the output with an image"));
        var outputs = Root.OutputsWithImage.Value;

        var stackOutputs = platform.Local.SelectMany(r => r.Outputs.Keys).ToHashSet();
        Assert.NotEmpty(stackOutputs);
        var missing = stackOutputs.Where(name => !outputs.TryGetProperty(name, out _)).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, $"The root does not output {string.Join(", ", missing)}, which the stacks do.");
        Assert.Equal(Root.ImageUri, Value(outputs, "processor_image_uri"));
        Assert.Equal($"{RootModuleCycle.LocalNamePrefix}-processor", Value(outputs, "processor_function_name"));
        Assert.Contains(Root.ImageUri, Value(outputs, "next_step"), StringComparison.Ordinal);
    }

    [Fact]
    public void Planned_for_prod_it_makes_the_stacks_resources_with_the_same_names_and_settings()
    {
        Assert.True(Root.ProdPlan is not null, $"The root's prod plan did not run: {Root.ProdFailure?.Message}");
        var root = PlanDocument.Parse([KeyValuePair.Create("root", Root.ProdPlan)]).Resources
            .ToDictionary(r => ModuleRelativeAddress.Of(r.Address));
        // Counted modules (prod's encryption_key[0]) are compared by their module-relative address on both sides.
        var stacks = platform.ProdPlanDocument().Resources.ToDictionary(r => ModuleRelativeAddress.Of(r.Address));

        var onlyInStacks = stacks.Keys.Except(root.Keys).Order(StringComparer.Ordinal).ToList();
        var onlyInRoot = root.Keys.Except(stacks.Keys).Order(StringComparer.Ordinal).ToList();
        Assert.True(onlyInStacks.Count + onlyInRoot.Count == 0,
            $"Only in the stacks' prod plans: {string.Join(", ", onlyInStacks)}. Only in the root's: {string.Join(", ", onlyInRoot)}.");
        var differences = new List<string>();
        foreach (var (address, planned) in stacks)
        {
            var inRoot = root[address];
            Assert.Equal(planned.Type, inRoot.Type);
            foreach (var attribute in planned.After.EnumerateObject().Where(a => !Unshared.Contains(a.Name)))
            {
                if (inRoot.After.TryGetProperty(attribute.Name, out var other))
                {
                    KnownValuesAgree($"{address}.{attribute.Name}", attribute.Value, other, differences);
                }
            }
        }

        Assert.True(differences.Count == 0, "The root plans prod differently from the stacks:\n" + string.Join('\n', differences));
    }

    /// <summary>
    /// Values known in both plans must be equal. A value one plan knows only after apply (the root
    /// wires module to module where the stacks pass known outputs on) is absent there and not compared.
    /// </summary>
    private static void KnownValuesAgree(string path, JsonElement stack, JsonElement root, List<string> differences)
    {
        if (stack.ValueKind == JsonValueKind.Object && root.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in stack.EnumerateObject())
            {
                if (root.TryGetProperty(property.Name, out var other))
                {
                    KnownValuesAgree($"{path}.{property.Name}", property.Value, other, differences);
                }
            }
        }
        else if (stack.ValueKind == JsonValueKind.Array && root.ValueKind == JsonValueKind.Array && stack.GetArrayLength() == root.GetArrayLength())
        {
            for (var i = 0; i < stack.GetArrayLength(); i++)
            {
                KnownValuesAgree($"{path}[{i}]", stack[i], root[i], differences);
            }
        }
        else if (!JsonElement.DeepEquals(stack, root))
        {
            differences.Add($"{path}: stacks {stack.GetRawText()}, root {root.GetRawText()}");
        }
    }

    /// <summary>Every resource the four local stacks held after their applies, by module-relative address.</summary>
    private SortedSet<string> StacksState()
    {
        Assert.True(platform.Local.All(r => r.StateAfterApply is not null), $"The stacks' local cycle did not apply them all: {platform.LocalFailure?.Message}");
        return ModuleRelativeAddress.Of(platform.Local.SelectMany(r => r.StateAfterApply!));
    }

    private static string Value(JsonElement outputs, string name) =>
        outputs.TryGetProperty(name, out var output) ? output.GetProperty("value").GetString() ?? "" : "";

    private string Explain(string step) =>
        $"{step} did not happen: {Root.Failure?.Message ?? platform.StartupFailure?.Message}\n--- transcript ---\n{Tail(Root.Transcript)}";

    private static string Tail(string text) => text.Length > 6000 ? "…" + text[^6000..] : text;
}
