using System.Text.Json;
using System.Text.RegularExpressions;
using DataPlatform.Deployment.Terraform;

namespace DataPlatform.Build.Tests.Terraform;

public sealed class PlaceholderInputsTests : IDisposable
{
    private static readonly string Stacks = Path.Combine(RepositoryRoot(), "terraform", "stacks");

    private readonly string _scratch = Directory.CreateTempSubdirectory("dp-placeholders-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    public static TheoryData<string> StackNames() => [.. StackCatalog.All.Select(s => s.Name)];

    [Fact]
    public void Required_placeholders_are_shaped_like_the_real_values_and_obviously_fake()
    {
        var values = PlaceholderInputs.For(Stack("compute"), FromUpstream("compute"), Known(), "eu-west-1");

        Assert.Matches(@"^arn:aws:sqs:eu-west-1:0{12}:placeholder-", values["ingest_queue_arn"].GetString());
        Assert.Matches(@"^arn:aws:iam::0{12}:role/placeholder-", values["processor_role_arn"].GetString());
        // compute validates it as an SNS topic ARN, so the generic "_arn" stand-in would not do.
        Assert.Matches(@"^arn:aws:sns:eu-west-1:0{12}:placeholder-", values["alarm_topic_arn"].GetString());
        Assert.Matches(@"^placeholder-", values["lake_bucket"].GetString());
        Assert.Matches(@"^0{12}\.dkr\.ecr\.eu-west-1\.amazonaws\.com/placeholder@sha256:0{64}$", values["image_uri"].GetString());
        Assert.Equal(JsonValueKind.Number, values["processor_timeout_seconds"].ValueKind);
    }

    [Fact]
    public void Optional_inputs_stay_absent_so_the_stacks_default_applies_instead_of_a_null()
    {
        // The bug of issue 16: a null kms_key_arn became [null] in the iam stack and failed its validation.
        var values = PlaceholderInputs.For(Stack("iam"), FromUpstream("iam"), Known(), "us-east-1");

        Assert.DoesNotContain("kms_key_arn", values.Keys);
        Assert.DoesNotContain("lake_prefix", values.Keys);
        Assert.Contains("ingest_queue_arn", values.Keys);
        Assert.Contains("lake_bucket_arn", values.Keys);
    }

    [Theory]
    [MemberData(nameof(StackNames))]
    public void Every_placeholder_has_the_type_its_consuming_variable_declares_and_none_is_null(string stack)
    {
        var declared = TerraformDeclarations.VariableDeclarations(Stack(stack));
        var missing = FromUpstream(stack);

        var values = PlaceholderInputs.For(Stack(stack), missing, Known(), "us-east-1");

        foreach (var name in missing.Where(n => !declared[n].Optional))
        {
            Assert.True(values.ContainsKey(name), $"{stack}: the required input {name} has no placeholder.");
            var expected = declared[name].Type switch
            {
                "string" => JsonValueKind.String,
                "number" => JsonValueKind.Number,
                var other => throw new Xunit.Sdk.XunitException($"{stack}: {name} is declared {other}; teach this test its JSON kind."),
            };
            Assert.True(values[name].ValueKind == expected, $"{stack}: {name} is declared {declared[name].Type} but its placeholder is {values[name].GetRawText()}.");
        }

        Assert.All(values, kv => Assert.NotEqual(JsonValueKind.Null, kv.Value.ValueKind));
    }

    [Fact]
    public void The_placeholder_image_lives_in_the_repository_the_stack_is_given_so_partial_upstream_passes_the_precondition()
    {
        var applied = "123456789012.dkr.ecr.us-east-1.amazonaws.com/dp-local-processor";
        var known = Known(("repository_url", applied));
        var missing = FromUpstream("compute").Where(n => n != "repository_url").ToList();

        var values = PlaceholderInputs.For(Stack("compute"), missing, known, "us-east-1");

        Assert.Matches($@"^{Regex.Escape(applied)}@sha256:0{{64}}$", values["image_uri"].GetString());
    }

    [Fact]
    public void The_queue_placeholder_is_long_enough_for_any_function_timeout()
    {
        // compute's precondition: visibility timeout ≥ 6 × function timeout, and both come from storage.
        var values = PlaceholderInputs.For(Stack("compute"), FromUpstream("compute"), Known(), "us-east-1");

        Assert.True(values["ingest_queue_visibility_timeout_seconds"].GetInt32() >= 6 * 900);
        Assert.InRange(values["processor_timeout_seconds"].GetInt32(), 1, 900);
    }

    [Fact]
    public void A_shape_that_does_not_fit_the_declared_type_gives_way_to_the_plainest_value_of_that_type()
    {
        File.WriteAllText(Path.Combine(_scratch, "variables.tf"), """
            variable "ingest_queue_arn" {
              description = "Now several queues."
              type        = list(string)
            }

            variable "processor_timeout_seconds" {
              type = string
            }

            variable "replica_count" {
              type = number
            }

            variable "catalog_enabled" {
              type    = bool
              default = true
            }
            """);

        var values = PlaceholderInputs.For(_scratch, ["ingest_queue_arn", "processor_timeout_seconds", "replica_count", "catalog_enabled"], Known(), "us-east-1");

        Assert.Equal("[]", values["ingest_queue_arn"].GetRawText());
        Assert.Equal("placeholder-processor-timeout-seconds", values["processor_timeout_seconds"].GetString());
        Assert.Equal(JsonValueKind.Number, values["replica_count"].ValueKind);
        Assert.DoesNotContain("catalog_enabled", values.Keys);
    }

    [Fact]
    public void Declarations_read_type_and_default_past_validation_blocks_with_braces_in_their_strings()
    {
        // compute's image_uri validation holds "{64}" in a regular expression, inside a nested block.
        var declared = TerraformDeclarations.VariableDeclarations(Stack("compute"));

        Assert.Equal(("string", false), declared["image_uri"]);
        Assert.Equal(("string", false), declared["repository_url"]);
        Assert.Equal(("string", true), declared["lake_prefix"]);
        Assert.Equal(("bool", true), declared["catalog_enabled"]);
        Assert.Equal(("map(string)", true), declared["tags"]);
        Assert.Equal(("number", false), declared["processor_timeout_seconds"]);
    }

    private static string Stack(string name) => Path.Combine(Stacks, name);

    /// <summary>The inputs a stack takes from upstream outputs (and the image), as the pipeline finds them.</summary>
    private static List<string> FromUpstream(string stack)
    {
        var declared = TerraformDeclarations.VariableDeclarations(Stack(stack));
        var outputs = StackCatalog.Get(stack).DependsOn
            .SelectMany(upstream => Directory.EnumerateFiles(Stack(upstream), "*.tf"))
            .SelectMany(file => Regex.Matches(File.ReadAllText(file), @"^\s*output\s+""([A-Za-z0-9_-]+)""", RegexOptions.Multiline))
            .Select(m => m.Groups[1].Value)
            .Append("image_uri");
        return [.. outputs.Where(declared.ContainsKey).Distinct()];
    }

    private static Dictionary<string, JsonElement> Known(params (string Name, string Value)[] values) =>
        values.ToDictionary(v => v.Name, v => JsonSerializer.SerializeToElement(v.Value));

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "DataPlatform.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The tests run outside the repository.");
    }
}
