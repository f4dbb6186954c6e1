using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using DataPlatform.Processor.Configuration;

namespace DataPlatform.Processor.Lake;

/// <summary>Builds the S3 client the function and the local runner share.</summary>
public static class S3ClientFactory
{
    /// <summary>
    /// With <paramref name="credentials"/> null the SDK's default chain is used (the function's
    /// role in Lambda); callers that drive an emulator in process pass explicit dummy keys.
    /// </summary>
    public static IAmazonS3 Create(ProcessorSettings settings, AWSCredentials? credentials = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var config = new AmazonS3Config
        {
            // A slow PUT is retried by the SDK and then reported as failed messages, well before
            // the function's own timeout would fail the whole batch.
            Timeout = TimeSpan.FromSeconds(30),
            MaxErrorRetry = 3,
        };

        if (settings.Region is { } region)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        if (settings.Endpoint is { } endpoint)
        {
            // Emulators (moto, LocalStack) serve every bucket on one host, so bucket names go in
            // the path rather than in a virtual-host subdomain that would not resolve.
            config.ServiceURL = endpoint.ToString();
            config.ForcePathStyle = true;
            if (settings.Region is { } signingRegion)
            {
                config.AuthenticationRegion = signingRegion;
            }
        }

        return credentials is null ? new AmazonS3Client(config) : new AmazonS3Client(credentials, config);
    }
}
