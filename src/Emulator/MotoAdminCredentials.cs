using System.Text.Json;

namespace DataPlatform.Emulator;

/// <summary>
/// The keys of <c>local-admin</c>, the administrator an enforcing emulator creates for itself before it
/// listens (MotoPatches/moto-5.2.1/iam_enforcement.py): the one identity every other is created by.
/// <see cref="ToString"/> leaves the secret out, so a log line or an assertion message cannot carry it.
/// </summary>
public sealed class MotoAdminCredentials
{
    public const string UserName = "local-admin";

    private MotoAdminCredentials(string accessKeyId, string secretAccessKey, string arn)
    {
        AccessKeyId = accessKeyId;
        SecretAccessKey = secretAccessKey;
        Arn = arn;
    }

    public string AccessKeyId { get; }

    public string SecretAccessKey { get; }

    public string Arn { get; }

    /// <summary>Reads the file the launcher wrote (JSON with AccessKeyId, SecretAccessKey, Arn).</summary>
    public static MotoAdminCredentials Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new EmulatorNotAvailableException(
                $"The enforcing emulator's administrator keys are not in {path}. The emulator writes them there before it " +
                "listens, so it was started without enforcement or by another launcher; restart it with EnforceIam.");
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var root = document.RootElement;
            return new MotoAdminCredentials(
                root.GetProperty("AccessKeyId").GetString()!,
                root.GetProperty("SecretAccessKey").GetString()!,
                root.GetProperty("Arn").GetString()!);
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new EmulatorNotAvailableException(
                $"{path} does not hold the administrator's keys as the emulator writes them " +
                "({\"AccessKeyId\",\"SecretAccessKey\",\"Arn\"}). Delete it and restart the emulator.", exception);
        }
    }

    /// <summary>The environment a child process (terraform, the AWS CLI) needs to act as the administrator on <paramref name="endpoint"/>.</summary>
    public IReadOnlyDictionary<string, string> Environment(Uri endpoint, string region = EmulatorCredentials.Region)
    {
        var environment = new Dictionary<string, string>(EmulatorCredentials.Environment(endpoint, region))
        {
            ["AWS_ACCESS_KEY_ID"] = AccessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = SecretAccessKey,
        };
        return environment;
    }

    public override string ToString() => $"{Arn} (access key {AccessKeyId})";
}
