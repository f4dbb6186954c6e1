using Amazon.Runtime;
using Amazon.S3;
using Amazon.SecurityToken;
using Amazon.SQS;
using DataPlatform.Emulator;
using DataPlatform.Aws;

namespace DataPlatform.Build.Aws;

/// <summary>
/// How this build talks to AWS for one environment: SDK clients and the environment of the
/// processes it starts (terraform, aws, docker). On an emulator the keys are dummies, so a
/// developer's real credentials never travel to it.
/// </summary>
public sealed class AwsSession
{
    public AwsSession(string region, Uri? endpoint, bool isEmulator, string? profile)
    {
        Region = region;
        Endpoint = endpoint;
        IsEmulator = isEmulator;
        Profile = profile;
    }

    public string Region { get; }

    /// <summary>Where AWS calls go when not to AWS itself (the local emulator, LocalStack).</summary>
    public Uri? Endpoint { get; }

    public bool IsEmulator { get; }

    public string? Profile { get; }

    /// <summary>Variables to set on every AWS-speaking child process.</summary>
    public IReadOnlyDictionary<string, string> ProcessEnvironment()
    {
        if (IsEmulator && Endpoint is not null)
        {
            return EmulatorCredentials.Environment(Endpoint, Region);
        }

        var environment = new Dictionary<string, string> { ["AWS_REGION"] = Region, ["AWS_DEFAULT_REGION"] = Region };
        if (Profile is not null)
        {
            environment["AWS_PROFILE"] = Profile;
        }

        if (Endpoint is not null)
        {
            environment["AWS_ENDPOINT_URL"] = Endpoint.ToString().TrimEnd('/');
        }

        return environment;
    }

    /// <summary>
    /// The environment of an AWS CLI child process: <see cref="ProcessEnvironment"/>, a null for
    /// each variable to remove, and no pager (CLI v2 pipes output through one; the build reads it).
    /// </summary>
    public Dictionary<string, string?> CliEnvironment()
    {
        var environment = ProcessEnvironment().ToDictionary(e => e.Key, e => (string?)e.Value);
        foreach (var name in VariablesToClear())
        {
            environment[name] = null;
        }

        environment["AWS_PAGER"] = "";
        return environment;
    }

    /// <summary>Variables a child process must not inherit (on an emulator: anything that could pick real credentials).</summary>
    public IReadOnlyList<string> VariablesToClear() => IsEmulator ? EmulatorCredentials.VariablesToClear : [];

    /// <summary>SDK clients for this session, made as the processor and the local runner make theirs.</summary>
    public AwsClients Clients => new(new AwsEndpoint
    {
        Region = Region,
        ServiceUrl = Endpoint,
        Credentials = IsEmulator ? new BasicAWSCredentials(EmulatorCredentials.AccessKeyId, EmulatorCredentials.SecretAccessKey) : null,
    });

    public AmazonS3Client CreateS3() => Clients.CreateS3();

    public AmazonSQSClient CreateSqs() => Clients.CreateSqs();

    public AmazonSecurityTokenServiceClient CreateSts() => Clients.CreateSts();
}
