using System.Text.RegularExpressions;
using DataPlatform.Deployment.Environments;
using DataPlatform.Deployment.Terraform;
using DataPlatform.Infrastructure.Tests.Terraform;

namespace DataPlatform.Infrastructure.Tests.RootModule;

/// <summary>
/// The root module (terraform/) against the stacks, read from their files: it calls the same
/// modules, takes every setting a stack takes from an environment file, and outputs what they
/// output. No emulator; <see cref="RootModuleTests"/> applies it.
/// </summary>
public sealed partial class RootModuleDeclarationsTests
{
    private static string RootDirectory => RepositoryLayout.TerraformDirectory;

    [Fact]
    public void The_root_calls_every_module_the_stacks_call_and_no_other()
    {
        var stacks = StackCatalog.All.SelectMany(s => ModuleSources(RepositoryLayout.StackDirectory(s.Name))).ToHashSet();

        Assert.NotEmpty(stacks);
        Assert.Equal(stacks.Order(StringComparer.Ordinal), ModuleSources(RootDirectory).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_root_declares_every_stack_variable_that_is_not_an_upstream_output()
    {
        // A stack's variable named for an earlier stack's output is wired inside the root instead.
        var missing = new List<string>();
        var upstream = new HashSet<string>(StringComparer.Ordinal);
        var declared = TerraformDeclarations.Variables(RootDirectory);
        foreach (var stack in StackCatalog.All)
        {
            var directory = RepositoryLayout.StackDirectory(stack.Name);
            missing.AddRange(TerraformDeclarations.Variables(directory).Where(v => !upstream.Contains(v) && !declared.Contains(v)).Select(v => $"{v} ({stack.Name})"));
            upstream.UnionWith(TerraformDeclarations.Outputs(directory));
        }

        Assert.True(missing.Count == 0, $"terraform/ does not declare {string.Join(", ", missing)}, so the root cannot be set as the stacks are.");
    }

    [Fact]
    public void The_root_outputs_everything_the_stacks_output()
    {
        var declared = TerraformDeclarations.Outputs(RootDirectory);

        var missing = StackCatalog.All.SelectMany(s => TerraformDeclarations.Outputs(RepositoryLayout.StackDirectory(s.Name))).Where(o => !declared.Contains(o)).ToList();
        Assert.True(missing.Count == 0, $"terraform/ does not output {string.Join(", ", missing)}; scripts that read the stacks' outputs would fail on the root.");
    }

    [Theory]
    [MemberData(nameof(StaticChecksTests.Environments), MemberType = typeof(StaticChecksTests))]
    public void Every_value_an_environment_sets_is_declared_by_the_root_or_is_build_only(string environment)
    {
        // So that -var-file=environments/<env>.tfvars sets the root as it sets the stacks.
        var declared = TerraformDeclarations.Variables(RootDirectory);

        var undeclared = RepositoryLayout.AssignedVariables(RepositoryLayout.VariablesFile(environment))
            .Except(declared).Except(EnvironmentSettings.BuildOnlyKeys).ToList();
        Assert.True(undeclared.Count == 0, $"{environment}.tfvars sets {string.Join(", ", undeclared)}, which terraform/ does not declare.");
    }

    [Fact]
    public void Every_variable_the_root_declares_is_used_by_it()
    {
        var text = string.Join('\n', Directory.GetFiles(RootDirectory, "*.tf").Select(File.ReadAllText));

        var unused = TerraformDeclarations.Variables(RootDirectory).Where(name => !text.Contains($"var.{name}", StringComparison.Ordinal)).ToList();
        Assert.True(unused.Count == 0, $"terraform/ declares {string.Join(", ", unused)} but never reads it.");
    }

    /// <summary>The modules/ folders a root's module blocks call.</summary>
    private static IEnumerable<string> ModuleSources(string directory) =>
        Directory.GetFiles(directory, "*.tf").SelectMany(f => ModuleSource().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value));

    [GeneratedRegex("""(?m)^\s*source\s*=\s*"(?:\.\./\.\./|\./)modules/([^"/]+)"\s*$""")]
    private static partial Regex ModuleSource();
}
