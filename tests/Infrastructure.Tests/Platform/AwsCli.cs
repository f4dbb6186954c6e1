using System.Diagnostics;
using System.Text.Json;
using DataPlatform.Emulator;

namespace DataPlatform.Infrastructure.Tests.Platform;

/// <summary>
/// The real AWS CLI against the emulator, for the services the kit's SDK packages do not cover
/// here (SNS, CloudWatch: their AWSSDK packages are not served). JSON in, JSON out.
/// </summary>
public sealed class AwsCli(Uri endpoint, string region)
{
    public JsonElement Run(params string[] arguments)
    {
        var startInfo = new ProcessStartInfo("aws") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var part in arguments.Concat(["--endpoint-url", endpoint.ToString().TrimEnd('/'), "--output", "json"]))
        {
            startInfo.ArgumentList.Add(part);
        }

        foreach (var (key, value) in EmulatorCredentials.Environment(endpoint, region))
        {
            startInfo.Environment[key] = value;
        }

        foreach (var name in EmulatorCredentials.VariablesToClear)
        {
            startInfo.Environment.Remove(name);
        }

        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException("The AWS CLI (aws) could not be started. Install it (v1 or v2) and put it on PATH.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"aws {string.Join(' ', arguments)} failed with exit code {process.ExitCode}: {error.Result.Trim()}");
        }

        var text = output.Result.Trim();
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
