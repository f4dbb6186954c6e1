using DataPlatform.Aws;
using DataPlatform.LocalRunner;
using DataPlatform.Processor.Configuration;

namespace DataPlatform.Processor.Tests.Deadline;

public sealed class InvocationBudgetTests
{
    [Theory]
    [InlineData(60, 5.0)]
    [InlineData(900, 5.0)]
    [InlineData(20, 2.0)]
    [InlineData(3, 0.5)]
    [InlineData(1, 0.5)]
    public void The_margin_is_a_tenth_of_the_timeout_from_half_a_second_to_five(int timeoutSeconds, double marginSeconds)
    {
        var timeout = TimeSpan.FromSeconds(timeoutSeconds);

        Assert.Equal(TimeSpan.FromSeconds(marginSeconds), InvocationBudget.MarginFor(timeout));
        Assert.Equal(timeout - TimeSpan.FromSeconds(marginSeconds), InvocationBudget.For(timeout));
    }

    [Fact]
    public void Three_s3_attempts_fit_in_the_budget_of_the_default_sixty_second_function()
    {
        var attempt = InvocationBudget.AttemptTimeoutFor(TimeSpan.FromSeconds(60), AwsClients.RequestTimeout);

        // 55 s of budget: the old 30 s × 4 attempts (120 s) outlived the function; three of these do not.
        Assert.Equal(TimeSpan.FromSeconds(55) / 3, attempt);
        Assert.True(attempt * InvocationBudget.AttemptsPerBudget <= InvocationBudget.For(TimeSpan.FromSeconds(60)));
        Assert.Equal(AwsClients.RequestTimeout, InvocationBudget.AttemptTimeoutFor(TimeSpan.FromSeconds(900), AwsClients.RequestTimeout));
        Assert.Equal(AwsClients.RequestTimeout, InvocationBudget.AttemptTimeoutFor(null, AwsClients.RequestTimeout));
    }

    [Fact]
    public void The_processor_s_s3_client_times_out_an_attempt_within_a_share_of_the_budget()
    {
        var settings = new ProcessorSettings
        {
            Bucket = "lake", Region = "us-east-1", Endpoint = new Uri("http://127.0.0.1:5000"), FunctionTimeout = TimeSpan.FromSeconds(6),
        };

        using var mapping = LocalMapping.Create(settings, new DrainOptions { QueueUrl = "http://q" }, new AwsClients(ProcessorHost.EndpointFor(settings)));

        Assert.Equal(InvocationBudget.For(TimeSpan.FromSeconds(6)) / 3, mapping.Host.S3.Config.Timeout);
        // The queue's client is not on the invocation's clock and keeps the kit's default.
        Assert.Equal(AwsClients.RequestTimeout, mapping.Sqs.Config.Timeout);
    }
}
