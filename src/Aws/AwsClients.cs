using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SecurityToken;
using Amazon.SQS;

namespace DataPlatform.Aws;

/// <summary>
/// The one place SDK clients are made: the Lambda function, the local runner, the build and the
/// tests all get the same endpoint handling, timeouts and retries from here.
/// </summary>
/// <param name="retries">Retries after the first attempt; null means <see cref="MaxErrorRetry"/>. Tests that must see an
/// emulator's own error answer pass 0.</param>
public sealed class AwsClients(AwsEndpoint endpoint, int? retries = null)
{
    /// <summary>
    /// Timeout of one attempt of a request, unless the caller asks for less. The processor asks for
    /// a share of its invocation's budget and cancels what is left when the budget runs out, so
    /// the SDK's retries never outlive the function's own timeout (docs/architecture.md).
    /// </summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Retries after the first attempt, with the SDK's backoff: rides out throttling and a dropped connection.</summary>
    public const int MaxErrorRetry = 3;

    public AwsEndpoint Endpoint { get; } = endpoint ?? throw new ArgumentNullException(nameof(endpoint));

    /// <param name="attemptTimeout">Timeout of one attempt, at most <see cref="RequestTimeout"/>; null means that.</param>
    public AmazonS3Client CreateS3(TimeSpan? attemptTimeout = null)
    {
        // Emulators serve every bucket on one host, so bucket names go in the path rather than in
        // a virtual-host subdomain (bucket.127.0.0.1) that would not resolve.
        var config = Configure(new AmazonS3Config { ForcePathStyle = Endpoint.ServiceUrl is not null });
        if (attemptTimeout is { } timeout && timeout > TimeSpan.Zero && timeout < RequestTimeout)
        {
            config.Timeout = timeout;
        }

        return Endpoint.Credentials is { } credentials ? new AmazonS3Client(credentials, config) : new AmazonS3Client(config);
    }

    public AmazonSQSClient CreateSqs()
    {
        var config = Configure(new AmazonSQSConfig());
        return Endpoint.Credentials is { } credentials ? new AmazonSQSClient(credentials, config) : new AmazonSQSClient(config);
    }

    public AmazonSecurityTokenServiceClient CreateSts()
    {
        var config = Configure(new AmazonSecurityTokenServiceConfig());
        return Endpoint.Credentials is { } credentials
            ? new AmazonSecurityTokenServiceClient(credentials, config)
            : new AmazonSecurityTokenServiceClient(config);
    }

    private TConfig Configure<TConfig>(TConfig config)
        where TConfig : ClientConfig
    {
        if (Endpoint.ServiceUrl is { } serviceUrl)
        {
            // A service URL replaces the regional endpoint, so the region is only what requests are signed for.
            config.ServiceURL = serviceUrl.ToString();
            if (Endpoint.Region is { } signingRegion)
            {
                config.AuthenticationRegion = signingRegion;
            }
        }
        else if (Endpoint.Region is { } region)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        config.Timeout = RequestTimeout;
        config.MaxErrorRetry = retries ?? MaxErrorRetry;
        return config;
    }
}
