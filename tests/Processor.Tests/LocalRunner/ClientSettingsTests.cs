using Amazon.Runtime;
using DataPlatform.Aws;
using DataPlatform.LocalRunner;
using DataPlatform.Processor.Configuration;
using DataPlatform.Processor.Tests.Support;

namespace DataPlatform.Processor.Tests.LocalRunner;

/// <summary>The runner's clients come from the same factory as the function's and the build's, timeouts and retries included.</summary>
[Collection(MotoCollection.Name)]
public sealed class ClientSettingsTests
{
    [Fact]
    public void The_runner_s_sqs_and_s3_clients_have_the_factory_s_timeout_and_retries()
    {
        var settings = new ProcessorSettings { Bucket = "lake", Region = "eu-west-1", Endpoint = new Uri("http://127.0.0.1:5000") };

        using var mapping = LocalMapping.Create(settings, new DrainOptions { QueueUrl = "http://q" },
            new AwsClients(ProcessorHost.EndpointFor(settings)));

        foreach (var config in new IClientConfig[] { mapping.Sqs.Config, mapping.Host.S3.Config })
        {
            Assert.Equal(AwsClients.RequestTimeout, config.Timeout);
            Assert.Equal(AwsClients.MaxErrorRetry, config.MaxErrorRetry);
            Assert.Equal("http://127.0.0.1:5000/", config.ServiceURL);
            Assert.Equal("eu-west-1", config.AuthenticationRegion);
        }
    }

    [Fact]
    public void Without_an_endpoint_clients_go_to_the_region_and_s3_uses_virtual_hosts()
    {
        // The SDK's own endpoint variables would redirect it; a developer's shell may set them.
        using var unset = ProcessEnvironment.Without(
            "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL_SQS", "AWS_ENDPOINT_URL_STS");
        var clients = new AwsClients(new AwsEndpoint { Region = "eu-west-1" });

        using var s3 = clients.CreateS3();
        using var sqs = clients.CreateSqs();
        using var sts = clients.CreateSts();

        Assert.Equal("eu-west-1", s3.Config.RegionEndpoint?.SystemName);
        Assert.False(((Amazon.S3.AmazonS3Config)s3.Config).ForcePathStyle);
        Assert.All(new IClientConfig[] { s3.Config, sqs.Config, sts.Config }, config =>
        {
            Assert.Null(config.ServiceURL);
            Assert.Equal(AwsClients.RequestTimeout, config.Timeout);
            Assert.Equal(AwsClients.MaxErrorRetry, config.MaxErrorRetry);
        });
    }

    [Fact]
    public void On_an_emulator_s3_puts_the_bucket_in_the_path()
    {
        var clients = new AwsClients(AwsEndpoint.Emulator(new Uri("http://127.0.0.1:5000"), "us-east-1", "test", "test"));

        using var s3 = clients.CreateS3();

        Assert.True(((Amazon.S3.AmazonS3Config)s3.Config).ForcePathStyle);
    }
}
