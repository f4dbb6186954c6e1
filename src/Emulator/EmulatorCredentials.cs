namespace DataPlatform.Emulator;

/// <summary>
/// The environment a process needs to talk to the emulator: moto accepts any key, and these
/// dummy ones make sure a developer's real credentials are never sent to it.
/// </summary>
public static class EmulatorCredentials
{
    public const string AccessKeyId = "test";
    public const string SecretAccessKey = "test";
    public const string Region = "us-east-1";
    public const string AccountId = "123456789012";

    /// <summary>Variables to remove from a child's environment so a profile or session token can't override the dummy keys.</summary>
    public static IReadOnlyList<string> VariablesToClear { get; } = ["AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN"];

    public static IReadOnlyDictionary<string, string> Environment(Uri endpoint, string region = Region) =>
        new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = AccessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = SecretAccessKey,
            ["AWS_REGION"] = region,
            ["AWS_DEFAULT_REGION"] = region,
            ["AWS_ENDPOINT_URL"] = endpoint.ToString().TrimEnd('/'),
            ["AWS_EC2_METADATA_DISABLED"] = "true",
        };
}
