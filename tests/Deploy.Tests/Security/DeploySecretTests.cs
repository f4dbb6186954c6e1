using DataPlatform.Deploy.Tests.Pipeline;
using Xunit.Abstractions;

namespace DataPlatform.Deploy.Tests.Security;

/// <summary>
/// The real secrets of the enforced local environment (the administrator's key, the deploy role's
/// session keys) never reach a log, an artifact, terraform's state or plans, or any process's argv.
/// </summary>
[Collection(LocalLifecycleCollection.Name)]
public sealed class DeploySecretTests(LocalLifecycle lifecycle, ITestOutputHelper output)
{
    [Fact]
    public void The_deploy_keys_appear_in_no_log_artifact_state_plan_or_argv()
    {
        var names = lifecycle.Secrets.SecretNames;
        output.WriteLine($"looked for {names.Count} secrets ({string.Join("; ", names)}) in {lifecycle.Secrets.PlaceCount} places");
        Assert.Contains("the administrator's secret key", names);
        Assert.Contains(names, n => n.EndsWith("'s token", StringComparison.Ordinal));
        Assert.Empty(lifecycle.Secrets.Findings());
    }

    [Fact]
    public void A_planted_leak_in_a_copy_of_the_deploy_log_fails_the_scan()
    {
        var secret = lifecycle.Administrator?.Keys.SecretAccessKey;
        Assert.NotNull(secret);
        var scan = new SecretScan()
            .Secret("the administrator's secret key", secret)
            .Text("a copy of the first deploy's log with the key appended", lifecycle.FirstDeploy.Output + Environment.NewLine + secret);

        Assert.Equal(["the administrator's secret key in a copy of the first deploy's log with the key appended"], scan.Findings());
    }
}
