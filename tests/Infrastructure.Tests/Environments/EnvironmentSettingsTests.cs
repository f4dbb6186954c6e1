using DataPlatform.Deployment.Environments;

namespace DataPlatform.Infrastructure.Tests.Environments;

public sealed class EnvironmentSettingsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("environments-").FullName;

    [Fact]
    public void Local_uses_the_embedded_emulator_and_keeps_state_in_files_while_dev_has_a_backend()
    {
        var local = EnvironmentSettings.Load(Terraform.RepositoryLayout.EnvironmentsDirectory, "local");
        var dev = EnvironmentSettings.Load(Terraform.RepositoryLayout.EnvironmentsDirectory, "dev");

        Assert.True(local.UsesEmbeddedEmulator);
        Assert.Null(local.BackendFile);
        Assert.DoesNotContain(local.StackValues, v => v.Key == EnvironmentSettings.EmbeddedEmulatorKey);
        Assert.False(dev.UsesEmbeddedEmulator);
        Assert.EndsWith("dev.backend.hcl", dev.BackendFile, StringComparison.Ordinal);
        Assert.Equal("eu-west-1", dev.Region);
    }

    [Fact]
    public void Any_environment_file_can_ask_for_an_emulator_of_its_own()
    {
        File.WriteAllText(Path.Combine(_folder, "sandbox.tfvars"), "environment = \"sandbox\"\nregion = \"us-east-1\"\nname_prefix = \"dp-sb\"\nembedded_emulator = true\n");

        Assert.True(EnvironmentSettings.Load(_folder, "sandbox").UsesEmbeddedEmulator);
    }

    [Fact]
    public void A_file_whose_environment_is_another_name_is_refused_with_the_fix()
    {
        File.WriteAllText(Path.Combine(_folder, "staging.tfvars"), "environment = \"dev\"\nregion = \"eu-west-1\"\n");

        var error = Assert.Throws<TfvarsFormatException>(() => EnvironmentSettings.Load(_folder, "staging"));

        Assert.Contains("sets environment = \"dev\", but the file is named for 'staging'", error.Message, StringComparison.Ordinal);
        Assert.Contains("set environment = \"staging\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_environment_lists_the_ones_there_are()
    {
        File.WriteAllText(Path.Combine(_folder, "qa.tfvars"), "environment = \"qa\"\n");

        var error = Assert.Throws<EnvironmentNotFoundException>(() => EnvironmentSettings.Load(_folder, "qb"));

        Assert.Equal(["qa"], error.Known);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
