using Amazon.Runtime;
using DataPlatform.Aws;
using DataPlatform.Emulator;

namespace DataPlatform.Deploy.Tests.Pipeline;

/// <summary>
/// The enforcing local emulator's administrator, as the build left its keys in the state folder:
/// the tests' own calls to the emulator (inventories, ECR set-up, rogue consumers) go as it, since
/// the dummy keys are refused there.
/// </summary>
public sealed class LocalAdministrator(Uri endpoint, MotoAdminCredentials keys)
{
    public static string CredentialsFile(string stateDirectory) => Path.Combine(stateDirectory, "local", "admin-credentials.json");

    public static LocalAdministrator Read(Uri endpoint, string stateDirectory) =>
        new(endpoint, MotoAdminCredentials.Read(CredentialsFile(stateDirectory)));

    public MotoAdminCredentials Keys => keys;

    public IReadOnlyDictionary<string, string> Environment => keys.Environment(endpoint);

    public AwsClients Clients => new(new AwsEndpoint
    {
        Region = EmulatorCredentials.Region,
        ServiceUrl = endpoint,
        Credentials = new BasicAWSCredentials(keys.AccessKeyId, keys.SecretAccessKey),
    });
}
