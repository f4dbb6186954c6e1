using System.Text.Json;
using DataPlatform.Emulator;
using DataPlatform.Infrastructure.Tests.Platform;
using DataPlatform.Infrastructure.Tests.Policies;
using Xunit.Abstractions;

namespace DataPlatform.Infrastructure.Tests;

/// <summary>
/// The environment's KMS key end to end, over the prod plan (prod creates the kit's key in the
/// registry stack) and the local cycle (no key: AWS-managed encryption), as the pipeline wires it.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class EncryptionTests(PlatformFixture platform, ITestOutputHelper output)
{
    private const string ProdPrefix = "dp-prod";

    [Fact]
    public void Every_prod_store_is_encrypted_with_the_kit_s_key()
    {
        var plan = platform.ProdPlanDocument();
        var stores = EncryptionPolicies.Stores(plan);

        output.WriteLine("| stack | store | encryption | key |\n|---|---|---|---|");
        foreach (var store in stores)
        {
            output.WriteLine($"| {store.Store.Plan} | {store.Store.Address} | {store.Encryption} | {store.Key} |");
        }

        Assert.Equal(
            ["aws_cloudwatch_log_group", "aws_cloudwatch_log_group", "aws_ecr_repository", "aws_s3_bucket", "aws_sqs_queue", "aws_sqs_queue"],
            stores.Select(s => s.Store.Type).Order(StringComparer.Ordinal));
        Assert.All(stores, s => Assert.True(s.CustomerManaged, $"{s.Store} is encrypted with {s.Encryption}."));
        // Downstream stacks name the key the registry stack hands on; the registry names the key it creates.
        Assert.All(stores.Where(s => s.Store.Plan != "registry"), s => Assert.Equal(platform.ProdKmsKeyArn, s.KeyArn));
        var repository = Assert.Single(stores, s => s.Store.Plan == "registry");
        Assert.True(repository.KeyKnownAfterApply, $"{repository.Store} is encrypted with {repository.Key}, not the key the registry plan creates.");
    }

    [Fact]
    public void The_registry_stack_creates_one_rotated_key_with_an_alias_and_hands_it_on_as_kms_key_arn()
    {
        var plan = platform.ProdPlanDocument();

        var key = Assert.Single(plan.OfType("aws_kms_key"));
        Assert.Equal("registry", key.Plan);
        Assert.True(key.Bool("enable_key_rotation"));
        Assert.Equal(30, key.Number("deletion_window_in_days"));
        var alias = Assert.Single(plan.OfType("aws_kms_alias"));
        Assert.Equal($"alias/{ProdPrefix}", alias.String("name"));

        using var registry = JsonDocument.Parse(platform.ProdPlans["registry"]);
        var handedOn = registry.RootElement.GetProperty("output_changes").GetProperty("kms_key_arn").GetProperty("after_unknown");
        Assert.True(handedOn.ValueKind == JsonValueKind.True, "The registry stack's kms_key_arn output is known at plan time, so it is not the key the stack creates.");
    }

    [Fact]
    public void The_key_policy_lets_cloudwatch_logs_use_it_for_the_functions_log_groups_only_and_alarms_publish_to_encrypted_topics()
    {
        var key = Assert.Single(platform.ProdPlanDocument().OfType("aws_kms_key"));
        var policy = key.String("policy") ?? throw new InvalidOperationException($"{key}: the key policy is not known at plan time.");
        var statements = PlatformPolicies.Statements(policy).ToDictionary(s => PlatformPolicies.Text(s, "Sid") ?? "");
        var region = platform.ProdKmsKeyArn.Split(':')[3];
        // The processor's and compaction's: every function the plan deploys, and no other group.
        var logGroups = platform.ProdPlanDocument().OfType("aws_lambda_function")
            .Select(f => $"arn:aws:logs:{region}:{EmulatorCredentials.AccountId}:log-group:/aws/lambda/{f.String("function_name")}")
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(2, logGroups.Count);

        var account = statements["AccountAdministersKey"];
        Assert.Equal($"arn:aws:iam::{EmulatorCredentials.AccountId}:root", account.GetProperty("Principal").GetProperty("AWS").GetString());

        var logs = statements["CloudWatchLogsEncryptsItsLogGroups"];
        Assert.Equal($"logs.{region}.amazonaws.com", logs.GetProperty("Principal").GetProperty("Service").GetString());
        var context = logs.GetProperty("Condition").GetProperty("ArnEquals").GetProperty("kms:EncryptionContext:aws:logs:arn");
        Assert.Equal(logGroups, context.ValueKind == JsonValueKind.String ? [context.GetString()!] : context.EnumerateArray().Select(c => c.GetString()!).Order(StringComparer.Ordinal).ToList());

        var alarms = statements["CloudWatchAlarmsPublishToEncryptedTopics"];
        Assert.Equal("cloudwatch.amazonaws.com", alarms.GetProperty("Principal").GetProperty("Service").GetString());
        Assert.Equal(["kms:Decrypt", "kms:GenerateDataKey*"], PlatformPolicies.Values(alarms, "Action").Order(StringComparer.Ordinal));
        Assert.Equal(3, statements.Count);
    }

    [Theory]
    [InlineData("processor")]
    [InlineData("compaction")]
    public void A_function_role_may_make_and_read_data_keys_of_that_key_only(string policyName)
    {
        var policy = Assert.Single(platform.ProdPlanDocument().OfType("aws_iam_role_policy"), p => p.String("name") == policyName);
        var statements = PlatformPolicies.Statements(policy.String("policy")!).ToList();

        var grant = Assert.Single(statements, s => PlatformPolicies.Values(s, "Action").Any(a => a.StartsWith("kms:", StringComparison.Ordinal)));
        Assert.Equal("UseDataKeys", PlatformPolicies.Text(grant, "Sid"));
        Assert.Equal(["kms:Decrypt", "kms:GenerateDataKey"], PlatformPolicies.Values(grant, "Action").Order(StringComparer.Ordinal));
        Assert.Equal([platform.ProdKmsKeyArn], PlatformPolicies.Values(grant, "Resource"));
    }

    [Fact]
    public void Both_functions_are_told_the_key_so_their_puts_follow_the_bucket()
    {
        var functions = platform.ProdPlanDocument().OfType("aws_lambda_function").ToList();

        Assert.Equal(["dp-prod-compaction", "dp-prod-processor"], functions.Select(f => f.String("function_name")).Order(StringComparer.Ordinal));
        Assert.All(functions, function =>
            Assert.Equal(platform.ProdKmsKeyArn, function.Block("environment")!.Value.GetProperty("variables").GetProperty("LAKE_KMS_KEY_ARN").GetString()));
    }

    [Fact]
    public void Without_a_key_the_registry_hands_on_an_empty_kms_key_arn_and_every_later_stack_takes_it()
    {
        var registry = platform.LocalRun("registry").Outputs;
        Assert.True(registry.TryGetValue("kms_key_arn", out var handedOn), $"The registry stack has no kms_key_arn output. {platform.LocalFailure}");
        Assert.Equal("", handedOn.GetString());

        foreach (var stack in new[] { "storage", "iam", "compute" })
        {
            var inputs = platform.LocalRun(stack).Inputs;
            Assert.True(inputs.TryGetValue("kms_key_arn", out var taken), $"{stack} was not given the registry's kms_key_arn.");
            Assert.Equal("", taken.GetString());
        }

        Assert.DoesNotContain("LAKE_KMS_KEY_ARN", platform.LocalRun("compute").Outputs["processor_environment"].EnumerateObject().Select(p => p.Name));
    }
}
