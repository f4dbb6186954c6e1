using System.Collections;
using DataPlatform.Build.Host;

namespace DataPlatform.Build.Tests.Terraform;

public sealed class DeploymentTargetTests : IDisposable
{
    private static readonly IDictionary NoEnvironment = new Hashtable();

    private readonly string _root = Directory.CreateTempSubdirectory("deployment-target-").FullName;

    public DeploymentTargetTests() => Directory.CreateDirectory(Folder);

    private string Folder => Path.Combine(_root, "terraform", "environments");

    [Fact]
    public void Local_uses_the_embedded_emulator_because_its_file_says_so_and_pins_its_region()
    {
        Write("local", "environment = \"local\"\nregion = \"eu-central-1\"\nembedded_emulator = true\n");

        var target = Resolve("--env=local");

        Assert.True(target.UsesEmbeddedEmulator);
        Assert.Equal("eu-central-1", target.Region);
        Assert.Equal("us-west-2", Resolve("--env=local", "--region=us-west-2").Region);
    }

    [Fact]
    public void A_tfvars_whose_environment_is_not_its_file_name_is_a_usage_error()
    {
        Write("staging", "environment = \"dev\"\nregion = \"eu-west-1\"\n");
        File.WriteAllText(Path.Combine(Folder, "staging.backend.hcl"), "bucket = \"x\"\n");

        var error = Assert.Throws<BuildUsageException>(() => Resolve("--env=staging"));

        Assert.Contains("set environment = \"staging\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_real_account_without_a_backend_file_is_a_usage_error_that_says_which_file_to_add()
    {
        Write("qa", "environment = \"qa\"\nregion = \"eu-west-1\"\n");

        var error = Assert.Throws<BuildUsageException>(() => Resolve("--env=qa"));

        Assert.Contains("qa.backend.hcl", error.Message, StringComparison.Ordinal);
        Assert.Contains("embedded_emulator", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_that_needs_terraform_to_evaluate_is_a_usage_error_naming_the_line()
    {
        Write("local", "environment = \"local\"\nregion = var.region\n");

        var error = Assert.Throws<BuildUsageException>(() => Resolve("--env=local"));

        Assert.Contains("local.tfvars line 2", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(Folder, $"{name}.tfvars"), text);

    private DeploymentTarget Resolve(params string[] args) =>
        DeploymentTarget.Resolve(_root, BuildArguments.Parse(args, BuildContext.Flags, NoEnvironment), NoEnvironment);
}
