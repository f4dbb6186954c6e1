using Amazon.Runtime;

namespace DataPlatform.Aws;

/// <summary>
/// Where AWS calls go and as whom: a region, an optional service URL (an emulator, LocalStack, a
/// VPC endpoint) and optional explicit keys. Null credentials mean the SDK's default chain (the
/// function's role in Lambda, a developer's profile on a laptop).
/// </summary>
public sealed record AwsEndpoint
{
    /// <summary>The region to sign for; null lets the SDK find it (AWS_REGION, the profile).</summary>
    public string? Region { get; init; }

    /// <summary>Where every service is sent instead of AWS's regional endpoints; null means AWS.</summary>
    public Uri? ServiceUrl { get; init; }

    public AWSCredentials? Credentials { get; init; }

    /// <summary>
    /// An emulator on <paramref name="serviceUrl"/> with the given dummy keys: real credentials
    /// from the environment are never sent to it.
    /// </summary>
    public static AwsEndpoint Emulator(Uri serviceUrl, string region, string accessKeyId, string secretAccessKey) => new()
    {
        Region = region,
        ServiceUrl = serviceUrl,
        Credentials = new BasicAWSCredentials(accessKeyId, secretAccessKey),
    };
}
