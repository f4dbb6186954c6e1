using DataPlatform.Build.Image;

namespace DataPlatform.Deploy.Tests.Image;

public sealed class DeploymentTagTests
{
    [Fact]
    public void A_stamp_sorts_in_time_order_and_a_new_one_sorts_after_the_latest_even_when_the_clock_went_back()
    {
        var now = new DateTimeOffset(2026, 12, 1, 14, 35, 4, 123, TimeSpan.Zero);
        Assert.Equal("20261201T143504123Z", DeploymentTag.StampOf(now));
        Assert.Equal("20261201T143504123Z", DeploymentTag.NextStamp(now, "20261201T143504122Z"));
        Assert.Equal("20261201T143504124Z", DeploymentTag.NextStamp(now, "20261201T143504123Z"));
        Assert.Equal("20271201T000000001Z", DeploymentTag.NextStamp(now, "20271201T000000000Z"));
    }

    [Fact]
    public void The_rollback_target_is_the_newest_previous_image_that_is_not_running()
    {
        var images = DeployedImages.From(
        [
            new EcrImage("sha256:a", ["content-a", "previous-20261201T000000000Z"]),
            new EcrImage("sha256:b", ["content-b", "previous-20261202T000000000Z", "live-20261201T000000000Z"]),
            new EcrImage("sha256:c", ["content-c", "live-20261202T000000000Z"]),
        ]);

        Assert.Equal("sha256:c", images.Live?.Digest);
        Assert.Equal("sha256:b", images.RollbackTarget("sha256:c"));
        // While b runs (a record interrupted after the apply), the image before it is the target.
        Assert.Equal("sha256:a", images.RollbackTarget("sha256:b"));
        Assert.Null(DeployedImages.From([new EcrImage("sha256:a", ["content-a", "live-20261201T000000000Z"])]).RollbackTarget("sha256:a"));
    }
}
