using Amazon.Runtime;
using Amazon.S3;
using Amazon.SecurityToken;
using Amazon.SQS;
using DataPlatform.Emulator;
using DataPlatform.Aws;

namespace DataPlatform.Build.Aws;

/// <summary>
/// How this build talks to AWS for one environment: SDK clients and the environment of the
/// processes it starts (terraform, aws, docker). On an emulator the keys are the ones the build
/// chose for it (the deploy role's session on the enforcing local emulator, dummies otherwise), so
/// a developer's real credentials never travel to it.
/// </summary>
public sealed class AwsSession
{
    public AwsSession(string region, Uri? endpoint, bool isEmulator, string? profile, ImmutableCredentials? emulatorCredentials = null)
    {
        Region = region;
        Endpoint = endpoint;
        IsEmulator = isEmulator;
        Profile = profile;
        EmulatorKeys = isEmulator
            ? emulatorCredentials ?? new ImmutableCredentials(EmulatorCredentials.AccessKeyId, EmulatorCredentials.SecretAccessKey, null)
            : null;
    }

    public string Region { get; }

    /// <summary>Where AWS calls go when not to AWS itself (the local emulator, LocalStack).</summary>
    public Uri? Endpoint { get; }

    public bool IsEmulator { get; }

    public string? Profile { get; }

    /// <summary>The keys sent to an emulator (null for AWS, where the SDK's default chain decides).</summary>
    private ImmutableCredentials? EmulatorKeys { get; }

    /// <summary>Another session on the same emulator, as another identity (the processor's role, the emulator's administrator).</summary>
    public AwsSession As(ImmutableCredentials credentials) =>
        IsEmulator
            ? new AwsSession(Region, Endpoint, isEmulator: true, Profile, credentials)
            : throw new InvalidOperationException("Only an emulator session changes identity by explicit keys; on AWS the default credential chain decides.");

    /// <summary>Variables to set on every AWS-speaking child process.</summary>
    public IReadOnlyDictionary<string, string> ProcessEnvironment()
    {
        if (IsEmulator && Endpoint is not null)
        {
            var emulator = new Dictionary<string, string>(EmulatorCredentials.Environment(Endpoint, Region))
            {
                ["AWS_ACCESS_KEY_ID"] = EmulatorKeys!.AccessKey,
                ["AWS_SECRET_ACCESS_KEY"] = EmulatorKeys.SecretKey,
            };
            if (EmulatorKeys.UseToken)
            {
                emulator["AWS_SESSION_TOKEN"] = EmulatorKeys.Token;
            }

            return emulator;
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

    /// <summary>
    /// Variables a child process must not inherit: on an emulator anything that could pick real
    /// credentials, except the session token this session sets itself.
    /// </summary>
    public IReadOnlyList<string> VariablesToClear() => IsEmulator
        ? [.. EmulatorCredentials.VariablesToClear.Where(name => !(EmulatorKeys!.UseToken && name == "AWS_SESSION_TOKEN"))]
        : [];

    /// <summary>SDK clients for this session, made as the processor and the local runner make theirs.</summary>
    public AwsClients Clients => new(new AwsEndpoint
    {
        Region = Region,
        ServiceUrl = Endpoint,
        Credentials = EmulatorKeys is { } keys
            ? keys.UseToken ? new SessionAWSCredentials(keys.AccessKey, keys.SecretKey, keys.Token) : new BasicAWSCredentials(keys.AccessKey, keys.SecretKey)
            : null,
    });

    public AmazonS3Client CreateS3() => Clients.CreateS3();

    public AmazonSQSClient CreateSqs() => Clients.CreateSqs();

    public AmazonSecurityTokenServiceClient CreateSts() => Clients.CreateSts();
}
