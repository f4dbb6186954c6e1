using DataPlatform.LocalRunner;

namespace DataPlatform.Processor.Tests.LocalRunner;

public sealed class RunnerCommandLineTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    [Fact]
    public void Flags_become_drain_options()
    {
        var commandLine = RunnerCommandLine.Parse(
            ["--queue-url", "http://q", "--bucket=lake", "--batch-size", "500", "--batching-window", "2.5", "--until-empty",
             "--max-messages", "1000", "--wait-time", "3", "--failed-visibility-timeout", "0", "--timeout", "60", "--quiet"],
            NoEnvironment);

        var options = commandLine.ToDrainOptions();

        Assert.Equal("lake", commandLine.Bucket);
        Assert.True(commandLine.Quiet);
        Assert.Equal("http://q", options.QueueUrl);
        Assert.Equal(500, options.BatchSize);
        Assert.Equal(TimeSpan.FromSeconds(2.5), options.BatchingWindow);
        Assert.True(options.UntilEmpty);
        Assert.Equal(1000, options.MaxMessages);
        Assert.Equal(TimeSpan.FromSeconds(3), options.WaitTime);
        Assert.Equal(TimeSpan.Zero, options.FailedVisibilityTimeout);
        Assert.Equal(TimeSpan.FromSeconds(60), options.Timeout);
    }

    [Fact]
    public void The_environment_fills_in_what_the_flags_leave_out_and_flags_win()
    {
        var environment = new Dictionary<string, string>
        {
            ["QUEUE_URL"] = "http://env-queue",
            ["LAKE_BUCKET"] = "env-lake",
            ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:5000",
        };

        var commandLine = RunnerCommandLine.Parse(["--bucket", "flag-lake"], name => environment.GetValueOrDefault(name));

        Assert.Equal("http://env-queue", commandLine.QueueUrl);
        Assert.Equal("flag-lake", commandLine.Bucket);
        Assert.Equal("http://127.0.0.1:5000", commandLine.EndpointUrl);
    }

    [Theory]
    [InlineData("--batch-size", "lots", "not a whole number")]
    [InlineData("--wait-time", "-1", "not a number of seconds")]
    [InlineData("--frobnicate", null, "Unknown option")]
    [InlineData("--queue-url", null, "needs a value")]
    public void Bad_flags_are_explained(string flag, string? value, string message)
    {
        string[] args = value is null ? [flag] : [flag, value];

        var exception = Assert.Throws<ArgumentException>(() => RunnerCommandLine.Parse(args, NoEnvironment));

        Assert.Contains(message, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10_001)]
    public void Batch_sizes_outside_what_a_mapping_takes_are_refused(int batchSize)
    {
        var options = new DrainOptions { QueueUrl = "http://q", BatchSize = batchSize };

        Assert.Throws<ArgumentException>(options.Validate);
    }

    [Fact]
    public void A_missing_queue_url_is_a_usage_error()
    {
        var commandLine = RunnerCommandLine.Parse(["--bucket", "lake"], NoEnvironment);

        var exception = Assert.Throws<ArgumentException>(commandLine.ToDrainOptions);
        Assert.Contains("--queue-url", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_exit_code_follows_the_summary()
    {
        Assert.Equal(0, new DrainSummary { Received = 5, Deleted = 5 }.ExitCode);
        Assert.Equal(3, new DrainSummary { Received = 5, Deleted = 4, Unresolved = 1 }.ExitCode);
        Assert.Equal(4, new DrainSummary { TimedOut = true }.ExitCode);
    }
}
