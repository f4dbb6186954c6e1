using System.Text.Json;
using Xunit.Abstractions;

namespace DataPlatform.Deploy.Tests.Pipeline;

/// <summary>
/// The local environment enforces IAM by default: the lifecycle's deploys ran as the deploy role,
/// the local runner as the function's role, and the old dummy keys are refused.
/// </summary>
[Collection(LocalLifecycleCollection.Name)]
public sealed class LocalEnforcementTests(LocalLifecycle lifecycle, ITestOutputHelper output)
{
    private const string DeployRole = "arn:aws:iam::123456789012:role/ci/dp-local-deploy";

    [Fact]
    public void The_deploy_says_it_acts_as_the_deploy_role_with_enforcement_on()
    {
        Assert.Contains($"IAM enforced; acting as the deploy role {DeployRole}", lifecycle.FirstDeploy.Output);
        Assert.Contains("Local runner: processing as the function's execution role", lifecycle.FirstDeploy.Output);
        Assert.DoesNotContain("IAM ENFORCEMENT IS OFF", lifecycle.FirstDeploy.Output);
    }

    [Fact]
    public void A_request_with_the_old_dummy_keys_is_refused()
    {
        output.WriteLine($"ListQueues with the dummy keys: {lifecycle.DummyKeysAnswer}");
        Assert.NotEqual("", lifecycle.DummyKeysAnswer);
        Assert.NotEqual("accepted", lifecycle.DummyKeysAnswer);
    }

    [Fact]
    public void Every_stack_resource_was_created_by_the_deploy_role_and_every_lake_write_by_the_function_role()
    {
        var records = AccessRecords();
        output.WriteLine($"{records.Count} requests recorded; principals: {string.Join(", ", records.Select(r => r.Principal).Distinct())}");
        string[] creates = ["s3:CreateBucket", "sqs:CreateQueue", "ecr:CreateRepository", "lambda:CreateFunction", "logs:CreateLogGroup"];
        foreach (var action in creates)
        {
            // The stacks' resources only: the lifecycle's own scaffolding (e2e-* queues the redrive
            // scenario makes as the administrator) is not the deploy's.
            var made = records.Where(r => r.Action == action && r.Allowed && r.Resource.Contains("dp-local", StringComparison.Ordinal)).ToList();
            Assert.True(made.Count > 0, $"No allowed {action} was recorded: the access log is not the deploy's.");
            Assert.All(made, r => Assert.Contains("dp-local-deploy", r.Principal));
        }

        var processorRoleCreated = records.Where(r => r.Action == "iam:CreateRole" && r.Allowed && !r.Resource.Contains("/ci/", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(processorRoleCreated);
        Assert.All(processorRoleCreated, r => Assert.Contains("dp-local-deploy", r.Principal));

        var lakeWrites = records.Where(r => r.Action == "s3:PutObject" && r.Allowed && r.Resource.Contains("/canaries/", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(lakeWrites);
        Assert.All(lakeWrites, r => Assert.Contains("dp-local-processor", r.Principal));
    }

    private List<(string Principal, string Action, string Resource, bool Allowed)> AccessRecords()
    {
        Assert.True(File.Exists(lifecycle.AccessLogFile), "moto wrote no access log: DATAPLATFORM_MOTO_ACCESS_LOG did not reach the emulator the build started.");
        return [.. File.ReadLines(lifecycle.AccessLogFile).Where(l => l.Length > 0).Select(line =>
        {
            using var record = JsonDocument.Parse(line);
            var root = record.RootElement;
            return (root.GetProperty("principal").ToString(), root.GetProperty("action").ToString(),
                root.TryGetProperty("resource", out var resource) ? resource.ToString() : "", root.GetProperty("allowed").GetBoolean());
        })];
    }
}
