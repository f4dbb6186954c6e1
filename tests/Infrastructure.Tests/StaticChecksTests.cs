using System.Text.RegularExpressions;
using DataPlatform.Deployment.Environments;
using DataPlatform.Deployment.Terraform;
using DataPlatform.Infrastructure.Tests.Terraform;

namespace DataPlatform.Infrastructure.Tests;

/// <summary>Checks that need no emulator: formatting, validation and the conventions the build relies on.</summary>
public sealed partial class StaticChecksTests
{
    /// <summary>
    /// Every stack and terraform/ itself. Validating a root validates the modules it calls, so the modules are not
    /// validated one by one (each validate loads the AWS provider's schema, about 6 s of CPU): the test below proves
    /// each module has a caller here.
    /// </summary>
    public static TheoryData<string> Roots()
    {
        var roots = new TheoryData<string>();
        foreach (var stack in ValidatedStacks)
        {
            roots.Add($"stacks/{stack}");
        }

        // terraform/ itself: the root module of `cd terraform && terraform init`.
        roots.Add(".");
        return roots;
    }

    private static IEnumerable<string> ValidatedStacks =>
        StackCatalog.All.Append(StackCatalog.Access).Select(s => s.Name).Append("local_identity");

    public static TheoryData<string> Stacks() => [.. StackCatalog.All.Append(StackCatalog.Access).Select(s => s.Name)];

    public static TheoryData<string> Modules() => [.. RepositoryLayout.ModuleNames];

    [Fact]
    public async Task Every_file_is_formatted_canonically()
    {
        var result = await RunAsync(RepositoryLayout.Root, ["fmt", "-check", "-recursive", "-diff", "-no-color", "terraform", "tests/Infrastructure.Tests/Fixtures"]);

        Assert.True(result.ExitCode == 0, $"Run `terraform fmt -recursive terraform` to fix. {result.Describe()}");
    }

    [Fact]
    public async Task Format_check_fails_on_a_badly_formatted_file()
    {
        // The format test above must be able to fail: the same command on a misaligned file.
        var directory = Directory.CreateTempSubdirectory("fmt-check-").FullName;
        await File.WriteAllTextAsync(Path.Combine(directory, "main.tf"), "variable \"x\" {\n  type = string\n    default=\"a\"\n}\n");

        var result = await RunAsync(directory, ["fmt", "-check", "-recursive", "-no-color", "."]);
        Directory.Delete(directory, recursive: true);

        Assert.Equal(3, result.ExitCode);
    }

    [Theory]
    [MemberData(nameof(Roots))]
    public async Task Every_module_stack_and_the_root_module_validates(string root)
    {
        var directory = Path.Combine(RepositoryLayout.TerraformDirectory, root);
        var work = Directory.CreateTempSubdirectory("dataplatform-validate-").FullName;
        try
        {
            var environment = TerraformCommands.IsolatedEnvironment(Path.Combine(work, ".terraform"));

            var init = await TerraformCommands.RunAsync(directory, ["init", "-backend=false", "-input=false", "-no-color", "-lockfile=readonly"], environment);
            Assert.True(init.ExitCode == 0, init.Describe());
            var validate = await TerraformCommands.RunAsync(directory, ["validate", "-no-color"], environment);

            Assert.True(validate.ExitCode == 0, validate.Describe());
            Assert.DoesNotContain("Warning", validate.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void Every_module_is_called_by_a_validated_root_so_its_code_is_validated(string module)
    {
        var callers = ValidatedStacks.Select(RepositoryLayout.StackDirectory).Append(RepositoryLayout.TerraformDirectory)
            .Where(root => Directory.EnumerateFiles(root, "*.tf").Any(file => ModuleSource().Matches(File.ReadAllText(file))
                .Any(m => m.Groups["module"].Value == module)))
            .ToList();

        Assert.True(callers.Count > 0, $"No stack and not terraform/ calls modules/{module}, so `terraform validate` never reads it. Call it from a stack, or add it to the validated roots.");
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void Every_module_has_the_standard_files(string module)
    {
        var directory = Path.Combine(RepositoryLayout.ModulesDirectory, module);

        string[] expected = ["main.tf", "variables.tf", "outputs.tf", "versions.tf", "README.md"];
        Assert.All(expected, file => Assert.True(File.Exists(Path.Combine(directory, file)), $"modules/{module} lacks {file}."));
        Assert.Contains("```hcl", File.ReadAllText(Path.Combine(directory, "README.md")), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Every_stack_has_a_partial_s3_backend_and_the_shared_environment_file(string stack)
    {
        var directory = RepositoryLayout.StackDirectory(stack);

        Assert.Matches(BackendS3(), File.ReadAllText(Path.Combine(directory, "backend.tf")));
        Assert.Equal(
            File.ReadAllText(Path.Combine(RepositoryLayout.StackDirectory(StackCatalog.All[0].Name), "environment.tf")),
            File.ReadAllText(Path.Combine(directory, "environment.tf")));
        Assert.Equal(
            File.ReadAllText(Path.Combine(RepositoryLayout.StackDirectory(StackCatalog.All[0].Name), "versions.tf")),
            File.ReadAllText(Path.Combine(directory, "versions.tf")));
    }

    public static TheoryData<string> Environments() => [.. RepositoryLayout.EnvironmentNames];

    [Theory]
    [MemberData(nameof(Environments))]
    public void Every_value_an_environment_sets_is_declared_by_a_stack_or_is_build_only(string environment)
    {
        // Each stack gets only what it declares; a value no stack declares would have no effect.
        var declared = StackCatalog.All.SelectMany(s => RepositoryLayout.DeclaredVariables(RepositoryLayout.StackDirectory(s.Name))).ToHashSet();

        var undeclared = RepositoryLayout.AssignedVariables(RepositoryLayout.VariablesFile(environment))
            .Except(declared).Except(EnvironmentSettings.BuildOnlyKeys).ToList();
        Assert.True(undeclared.Count == 0, $"{environment}.tfvars sets {string.Join(", ", undeclared)}, which no stack declares.");
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Every_environment_file_reads_and_is_named_for_its_environment(string environment)
    {
        var settings = EnvironmentSettings.Load(RepositoryLayout.EnvironmentsDirectory, environment);

        Assert.Equal(environment, settings.Values["environment"].GetString());
        Assert.NotNull(settings.Region);
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Every_variable_a_stack_declares_is_used_by_it(string stack)
    {
        // The shared environment.tf holds only what every stack needs; a switch of one stack lives in that stack.
        var directory = RepositoryLayout.StackDirectory(stack);
        var text = string.Join('\n', Directory.GetFiles(directory, "*.tf").Select(File.ReadAllText));

        var unused = RepositoryLayout.DeclaredVariables(directory).Where(name => !text.Contains($"var.{name}", StringComparison.Ordinal)).ToList();
        Assert.True(unused.Count == 0, $"stacks/{stack} declares {string.Join(", ", unused)} but never reads it.");
    }

    [Theory]
    [InlineData("local")]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Every_environment_has_its_settings_and_real_ones_a_locked_s3_backend(string environment)
    {
        var assigned = RepositoryLayout.AssignedVariables(RepositoryLayout.VariablesFile(environment));

        Assert.Superset(new HashSet<string> { "environment", "region", "name_prefix" }, assigned.ToHashSet());
        var backend = Path.Combine(RepositoryLayout.EnvironmentsDirectory, $"{environment}.backend.hcl");
        if (EnvironmentSettings.Load(RepositoryLayout.EnvironmentsDirectory, environment).UsesEmbeddedEmulator)
        {
            Assert.False(File.Exists(backend), $"{environment} uses the embedded emulator and keeps its state in files; it must not have an S3 backend file.");
            return;
        }

        var text = File.ReadAllText(backend);
        Assert.Matches(@"(?m)^bucket\s*=", text);
        Assert.Matches(@"(?m)^region\s*=", text);
        Assert.Matches(@"(?m)^use_lockfile\s*=\s*true", text);
        Assert.Matches(@"(?m)^encrypt\s*=\s*true", text);
    }

    [Fact]
    public void Only_the_local_environment_turns_emulator_switches_off()
    {
        string[] switches = ["event_source_mapping_enabled", "enforce_tls_bucket_policy", "dead_letter_redrive_allow_policy_enabled", "function_logging_config_enabled", "default_tags_enabled"];
        var local = RepositoryLayout.AssignedVariables(RepositoryLayout.VariablesFile("local"));

        Assert.Equal(switches.Order(), local.Intersect(switches).Order());
        foreach (var environment in RepositoryLayout.EnvironmentNames.Where(e => e != "local"))
        {
            Assert.Empty(RepositoryLayout.AssignedVariables(RepositoryLayout.VariablesFile(environment)).Intersect(switches));
        }

        var stacks = string.Join('\n', StackCatalog.All.SelectMany(s => Directory.GetFiles(RepositoryLayout.StackDirectory(s.Name), "*.tf")).Select(File.ReadAllText));
        Assert.All(switches, name => Assert.Matches($@"variable ""{name}"" {{[^}}]*default\s*=\s*true", stacks));
    }

    [Fact]
    public void Every_variable_lists_description_type_default_then_validation()
    {
        var files = Directory.GetFiles(RepositoryLayout.TerraformDirectory, "*.tf", SearchOption.AllDirectories);
        var problems = new List<string>();
        foreach (var file in files)
        {
            foreach (Match block in VariableBlock().Matches(File.ReadAllText(file)))
            {
                var keys = TopLevelKey().Matches(block.Groups[2].Value).Select(m => m.Groups[1].Value).ToList();
                string[] canonical = ["description", "type", "default", "sensitive", "nullable", "validation"];
                var order = keys.Select(k => Array.IndexOf(canonical, k)).ToList();
                if (!keys.Contains("description") || !keys.Contains("type") || order.Contains(-1) || !order.SequenceEqual(order.Order()))
                {
                    problems.Add($"{Path.GetRelativePath(RepositoryLayout.Root, file)}: variable \"{block.Groups[1].Value}\" has [{string.Join(", ", keys)}]");
                }
            }
        }

        Assert.True(problems.Count == 0, "Variables must list description, type, default, then validation:\n" + string.Join('\n', problems));
    }

    [Fact]
    public void Every_lock_file_pins_the_provider_with_the_mirror_hash_and_the_registry_hashes()
    {
        var locks = Directory.GetFiles(RepositoryLayout.TerraformDirectory, ".terraform.lock.hcl", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(RepositoryLayout.FixturesDirectory, ".terraform.lock.hcl", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}.terraform{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();

        // Every root terraform initialises: each stack folder (the four the pipeline applies, access and
        // local_identity), the root module (terraform/) and the broken fixture. Modules are never initialised on
        // their own (their callers pin the provider), so they carry none, as Terraform advises for reusable modules.
        var stacks = Directory.GetDirectories(RepositoryLayout.StacksDirectory).Length;
        Assert.Equal(stacks + 2, locks.Count);
        Assert.DoesNotContain(locks, file => file.StartsWith(RepositoryLayout.ModulesDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal));
        Assert.All(locks, file =>
        {
            var text = File.ReadAllText(file);
            Assert.Contains("version     = \"5.100.0\"", text, StringComparison.Ordinal);
            Assert.Matches("\"h1:[A-Za-z0-9+/=]{44}\"", text);
            Assert.True(ZhHash().Matches(text).Count >= 14, $"{file} should carry the registry's zh: hashes for every platform.");
        });
    }

    private static Task<TerraformResult> RunAsync(string directory, IReadOnlyList<string> arguments) =>
        TerraformCommands.RunAsync(directory, arguments, new Dictionary<string, string?> { ["TF_IN_AUTOMATION"] = "1" });

    [GeneratedRegex("""terraform\s*{\s*backend\s+"s3"\s*{\s*}\s*}""")]
    private static partial Regex BackendS3();

    [GeneratedRegex("""(?ms)^variable\s+"([^"]+)"\s*{\n(.*?)^}""")]
    private static partial Regex VariableBlock();

    [GeneratedRegex("""(?m)^  ([a-z_]+)\s*(?:=|{)""")]
    private static partial Regex TopLevelKey();

    [GeneratedRegex("\"zh:[0-9a-f]{64}\"")]
    private static partial Regex ZhHash();

    [GeneratedRegex(@"source\s*=\s*""\.{1,2}/(?:\.\./)?modules/(?<module>[a-z_]+)""")]
    private static partial Regex ModuleSource();
}
