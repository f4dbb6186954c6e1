using DataPlatform.Build.Image;
using Xunit.Abstractions;

namespace DataPlatform.Deploy.Tests.Pipeline;

/// <summary>Issue 13, item 4: deploy A, deploy B, Rollback → A runs again and events still land; the registry keeps both.</summary>
[Collection(LocalLifecycleCollection.Name)]
public sealed class RollbackTests(LocalLifecycle lifecycle, ITestOutputHelper output)
{
    [Fact]
    public void Rollback_with_only_one_image_ever_deployed_says_there_is_nothing_to_roll_back_to_and_changes_nothing()
    {
        var run = lifecycle.NothingToRollBack;
        output.WriteLine($"refused rollback: {run.Duration.TotalSeconds:0.0} s");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("has nothing to roll back to", run.Output);
        Assert.Contains("--image-uri=", run.Output);
        Assert.DoesNotContain(": applied", run.Output);
    }

    [Fact]
    public void Deploying_another_image_makes_it_the_function_s_image()
    {
        Assert.True(lifecycle.DeployB.ExitCode == 0, lifecycle.DeployB.ToString());
        Assert.NotEqual(lifecycle.ImageA, lifecycle.ImageB);
        Assert.Equal(lifecycle.ImageB, lifecycle.FunctionImageAfterB);
        Assert.Contains("Deployment history: live live-", lifecycle.DeployB.Output);
    }

    [Fact]
    public void Rollback_redeploys_the_previous_digest_without_building_and_verifies_with_canaries()
    {
        var run = lifecycle.Rollback;
        output.WriteLine($"rollback: {run.Duration.TotalSeconds:0.0} s");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(lifecycle.ImageA, lifecycle.FunctionImageAfterRollback);
        Assert.Equal(lifecycle.ImageA, lifecycle.OutputsAfterRollback["processor_image_uri"]);
        Assert.Contains($"deploying the previous image {lifecycle.ImageA}", run.Output);
        Assert.DoesNotContain("dotnet publish", run.Output);
        Assert.Contains("compute: applied", run.Output);
        Assert.Contains("Verify: all 5 canaries are rows in the lake", run.Output);
    }

    [Fact]
    public void After_the_rollback_A_is_tagged_live_and_B_is_the_next_rollback_target()
    {
        var digestA = lifecycle.ImageA[(lifecycle.ImageA.IndexOf('@') + 1)..];
        var digestB = lifecycle.ImageB[(lifecycle.ImageB.IndexOf('@') + 1)..];
        var tags = lifecycle.ImagesAfterRollback.ToDictionary(i => i.Digest, i => i.Tags);

        Assert.Single(tags[digestA], t => t.StartsWith(DeploymentTag.LivePrefix, StringComparison.Ordinal));
        Assert.DoesNotContain(tags[digestA], t => t.StartsWith(DeploymentTag.PreviousPrefix, StringComparison.Ordinal));
        Assert.Single(tags[digestB], t => t.StartsWith(DeploymentTag.PreviousPrefix, StringComparison.Ordinal));
        Assert.Contains("release-b", tags[digestB]);
    }

    [Fact]
    public void The_applied_lifecycle_policy_never_expires_the_live_image_or_the_rollback_target_however_old()
    {
        var now = DateTimeOffset.UtcNow;
        var images = new List<LifecyclePolicySimulation.Image>
        {
            // The two oldest images in the repository are the deployed one and the rollback target.
            new("sha256:live", ["content-live", DeploymentTag.LivePrefix + "20241201T000000000Z"], now.AddDays(-400)),
            new("sha256:previous", ["content-previous", DeploymentTag.PreviousPrefix + "20241201T000000000Z"], now.AddDays(-399)),
            new("sha256:untagged", [], now.AddDays(-300)),
        };
        images.AddRange(Enumerable.Range(0, 60).Select(i => new LifecyclePolicySimulation.Image($"sha256:build{i}", [$"content-{i}"], now.AddDays(-i))));

        var expired = LifecyclePolicySimulation.Expired(lifecycle.LifecyclePolicy, images, now);

        Assert.DoesNotContain("sha256:live", expired);
        Assert.DoesNotContain("sha256:previous", expired);
        Assert.Contains("sha256:untagged", expired);
        Assert.Contains("sha256:build59", expired);
        Assert.DoesNotContain("sha256:build0", expired);

        // The protection is those two rules: without them the same images expire first.
        var unprotected = LifecyclePolicySimulation.Expired(LifecyclePolicySimulation.Without(lifecycle.LifecyclePolicy, "Never expire"), images, now);
        Assert.Contains("sha256:live", unprotected);
        Assert.Contains("sha256:previous", unprotected);
    }
}
