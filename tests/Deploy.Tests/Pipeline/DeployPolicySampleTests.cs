using Xunit.Abstractions;

namespace DataPlatform.Deploy.Tests.Pipeline;

/// <summary>Each sampled action of the deploy policy is needed: without it, the named step's call is refused.</summary>
[Collection(LocalLifecycleCollection.Name)]
public sealed class DeployPolicySampleTests(LocalLifecycle lifecycle, ITestOutputHelper output)
{
    [Fact]
    public void Each_sampled_deploy_action_is_needed_by_a_named_step()
    {
        var sample = lifecycle.PolicySample;
        Assert.NotNull(sample);
        output.WriteLine(sample.Table());

        Assert.True(sample.Rows.Count >= 6, $"Only {sample.Rows.Count} actions were sampled.");
        foreach (var stack in new[] { "registry", "storage", "iam", "compute" })
        {
            Assert.Contains(sample.Rows, r => r.Step.StartsWith($"{stack} stack", StringComparison.Ordinal));
        }

        Assert.All(sample.Rows, r =>
        {
            Assert.True(r.WithPolicy == "ok", $"{r.Step} failed even with the whole deploy policy: {r.WithPolicy}");
            Assert.True(r.Refused, $"{r.Step} still succeeded without {r.Action}: the action is not needed there, or moto does not check it.");
            // moto answers JSON-protocol clients' refusals with an XML body the CLI cannot parse, so the
            // CLI shows only "(403)"; the access log names the denied action (README, local environment).
            Assert.True(r.WithoutAction.Contains("AccessDenied", StringComparison.OrdinalIgnoreCase) || r.WithoutAction.Contains("(403)", StringComparison.Ordinal),
                $"{r.Step} without {r.Action} failed for another reason: {r.WithoutAction}");
        });
    }
}
