using DataPlatform.Deployment.Environments;
using DataPlatform.Deployment.Terraform;

namespace DataPlatform.Infrastructure.Tests.Terraform;

/// <summary>Where the Terraform code lives in the repository the tests run from.</summary>
public static class RepositoryLayout
{
    public static string Root { get; } = FindRoot();

    public static string TerraformDirectory => Path.Combine(Root, "terraform");

    public static string ModulesDirectory => Path.Combine(TerraformDirectory, "modules");

    public static string StacksDirectory => Path.Combine(TerraformDirectory, "stacks");

    public static string EnvironmentsDirectory => Path.Combine(TerraformDirectory, "environments");

    public static string FixturesDirectory => Path.Combine(Root, "tests", "Infrastructure.Tests", "Fixtures");

    public static IReadOnlyList<string> ModuleNames { get; } =
        [.. Directory.GetDirectories(ModulesDirectory).Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal)];

    public static IReadOnlyList<string> EnvironmentNames { get; } =
        [.. Directory.GetFiles(EnvironmentsDirectory, "*.tfvars").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal)];

    public static string StackDirectory(string stack) => Path.Combine(StacksDirectory, stack);

    public static string VariablesFile(string environment) => Path.Combine(EnvironmentsDirectory, $"{environment}.tfvars");

    /// <summary>Names of the variables a root or module declares, read from its .tf files.</summary>
    public static IReadOnlySet<string> DeclaredVariables(string directory) => TerraformDeclarations.Variables(directory);

    /// <summary>Names of the variables an environment file sets.</summary>
    public static IReadOnlySet<string> AssignedVariables(string tfvarsFile) =>
        TfvarsReader.ReadFile(tfvarsFile).Keys.ToHashSet(StringComparer.Ordinal);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DataPlatform.slnx")) && Directory.Exists(Path.Combine(dir.FullName, "terraform")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No repository root (a folder with DataPlatform.slnx and terraform/) above {AppContext.BaseDirectory}. Run the tests from the repository.");
    }
}
