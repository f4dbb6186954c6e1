using DataPlatform.Processor.Configuration;

namespace DataPlatform.Processor.Tests;

public sealed class WarmUpTests
{
    [Fact]
    public async Task The_init_warm_up_runs_the_whole_path_without_touching_the_real_store()
    {
        // An unreachable endpoint: the warm-up would fail if it tried to write to S3.
        var settings = new ProcessorSettings { Bucket = "lake", Endpoint = new Uri("http://127.0.0.1:9"), Region = "us-east-1" };

        var warmUp = WarmUp.RunAsync(settings);

        Assert.True(await Task.WhenAny(warmUp, Task.Delay(TimeSpan.FromSeconds(30))) == warmUp, "The warm-up did not finish.");
        await warmUp;
    }
}
