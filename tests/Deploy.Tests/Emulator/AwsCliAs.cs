using System.Diagnostics;
using System.Text.Json;
using DataPlatform.Emulator;

namespace DataPlatform.Deploy.Tests.Emulator;

/// <summary>
/// The real AWS CLI against an enforcing emulator, as one identity: for IAM, whose AWSSDK package is not
/// served here. The keys travel in the child's environment, never in its arguments.
/// </summary>
public sealed class AwsCliAs(Uri endpoint, string accessKeyId, string secretAccessKey)
{
    public static AwsCliAs Admin(MotoServer moto) =>
        new(moto.Endpoint, moto.AdminCredentials!.AccessKeyId, moto.AdminCredentials.SecretAccessKey);

    /// <summary>Runs <c>aws ARGUMENTS</c>; its JSON answer, or the CLI's error text when it fails.</summary>
    public (bool Succeeded, JsonElement Output, string Error) Try(params string[] arguments)
    {
        var startInfo = new ProcessStartInfo("aws") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var part in arguments.Concat(["--endpoint-url", endpoint.ToString().TrimEnd('/'), "--output", "json"]))
        {
            startInfo.ArgumentList.Add(part);
        }

        foreach (var (key, value) in EmulatorCredentials.Environment(endpoint))
        {
            startInfo.Environment[key] = value;
        }

        foreach (var name in EmulatorCredentials.VariablesToClear)
        {
            startInfo.Environment.Remove(name);
        }

        startInfo.Environment["AWS_ACCESS_KEY_ID"] = accessKeyId;
        startInfo.Environment["AWS_SECRET_ACCESS_KEY"] = secretAccessKey;
        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException("The AWS CLI (aws) could not be started. Install it (v1 or v2) and put it on PATH.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        var text = output.Result.Trim();
        return (process.ExitCode == 0, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(), error.Result.Trim());
    }

    public JsonElement Run(params string[] arguments)
    {
        var (succeeded, output, error) = Try(arguments);
        return succeeded ? output : throw new InvalidOperationException($"aws {string.Join(' ', arguments)} failed: {error}");
    }

    /// <summary>Creates a user with one inline policy and returns a CLI acting as it.</summary>
    public AwsCliAs CreateUser(string name, string policyJson)
    {
        Run("iam", "create-user", "--user-name", name);
        Run("iam", "put-user-policy", "--user-name", name, "--policy-name", "only", "--policy-document", policyJson);
        var key = Run("iam", "create-access-key", "--user-name", name).GetProperty("AccessKey");
        return new AwsCliAs(endpoint, key.GetProperty("AccessKeyId").GetString()!, key.GetProperty("SecretAccessKey").GetString()!);
    }
}
