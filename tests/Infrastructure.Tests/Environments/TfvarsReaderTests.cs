using System.Text.Json;
using DataPlatform.Deployment.Environments;

namespace DataPlatform.Infrastructure.Tests.Environments;

public sealed class TfvarsReaderTests
{
    [Fact]
    public void Reads_strings_numbers_bools_null_lists_and_maps_with_comments()
    {
        var values = TfvarsReader.Read(
            """
            # a comment
            environment = "dev" // another
            retention   = 14
            ratio       = 0.5
            enabled     = false
            kms         = null
            zones       = ["a", "b",
                           "c"]
            tags = {
              Team    = "data"
              "cost-center" = "42"
            }
            quoted = "say \"hi\"\n"
            """,
            "dev.tfvars");

        Assert.Equal("dev", values["environment"].GetString());
        Assert.Equal(14, values["retention"].GetInt32());
        Assert.Equal(0.5, values["ratio"].GetDouble());
        Assert.Equal(JsonValueKind.False, values["enabled"].ValueKind);
        Assert.Equal(JsonValueKind.Null, values["kms"].ValueKind);
        Assert.Equal(["a", "b", "c"], values["zones"].EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("42", values["tags"].GetProperty("cost-center").GetString());
        Assert.Equal("data", values["tags"].GetProperty("Team").GetString());
        Assert.Equal("say \"hi\"\n", values["quoted"].GetString());
    }

    [Theory]
    [InlineData("region = var.other", 2, "'var' is not a plain value")]
    [InlineData("name = \"${var.x}-y\"", 2, "template")]
    [InlineData("name = upper(\"x\")", 2, "'upper' is not a plain value")]
    [InlineData("name = \"open", 2, "not closed")]
    [InlineData("environment = \"again\"", 2, "set twice")]
    public void Anything_Terraform_would_evaluate_is_refused_naming_the_file_and_line(string line, int lineNumber, string problem)
    {
        var error = Assert.Throws<TfvarsFormatException>(() => TfvarsReader.Read($"environment = \"dev\"\n{line}\n", "environments/dev.tfvars"));

        Assert.StartsWith($"environments/dev.tfvars line {lineNumber}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_environment_file_of_the_repository_reads() =>
        Assert.All(Terraform.RepositoryLayout.EnvironmentNames, name =>
            Assert.NotEmpty(TfvarsReader.ReadFile(Terraform.RepositoryLayout.VariablesFile(name))));
}
