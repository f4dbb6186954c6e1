using System.Diagnostics;
using DataPlatform.Emulator;

namespace DataPlatform.Processor.Tests.Integration.Access;

/// <summary>
/// The real AWS CLI as one identity (keys, and a session token for an assumed role, in the child's
/// environment, never in its arguments): for IAM and CloudWatch Logs, whose AWSSDK packages are not served here.
/// </summary>
public sealed class AwsCliAs(Uri endpoint, string accessKeyId, string secretAccessKey, string? sessionToken = null)
{
    /// <summary>Runs <c>aws ARGUMENTS</c>: whether it succeeded, and the CLI's error text when not.</summary>
    public (bool Succeeded, string Output, string Error) Try(params string[] arguments)
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
        if (sessionToken is not null)
        {
            startInfo.Environment["AWS_SESSION_TOKEN"] = sessionToken;
        }

        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException("The AWS CLI (aws) could not be started. Install it (v1 or v2) and put it on PATH.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode == 0, output.Result.Trim(), error.Result.Trim());
    }

    public string Run(params string[] arguments)
    {
        var (succeeded, output, error) = Try(arguments);
        return succeeded ? output : throw new InvalidOperationException($"aws {string.Join(' ', arguments)} failed: {error}");
    }
}
