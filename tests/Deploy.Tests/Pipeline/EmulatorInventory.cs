using System.Diagnostics;
using DataPlatform.Emulator;

namespace DataPlatform.Deploy.Tests.Pipeline;

/// <summary>What an emulator holds, read with the real AWS CLI: one listing per service the stacks create.</summary>
public static class EmulatorInventory
{
    private static readonly (string Service, string[] Command, string Query)[] Listings =
    [
        ("s3", ["s3api", "list-buckets"], "Buckets[].Name"),
        ("sqs", ["sqs", "list-queues"], "QueueUrls"),
        ("ecr", ["ecr", "describe-repositories"], "repositories[].repositoryName"),
        ("lambda", ["lambda", "list-functions"], "Functions[].FunctionName"),
        ("iam", ["iam", "list-roles"], "Roles[].RoleName"),
        ("logs", ["logs", "describe-log-groups"], "logGroups[].logGroupName"),
        ("glue", ["glue", "get-databases"], "DatabaseList[].Name"),
    ];

    /// <param name="caller">The caller's environment (an enforcing emulator's administrator); the dummy keys when null.</param>
    public static async Task<IReadOnlyDictionary<string, string>> ReadAsync(Uri endpoint, IReadOnlyDictionary<string, string>? caller = null)
    {
        var found = new Dictionary<string, string>();
        foreach (var (service, command, query) in Listings)
        {
            var startInfo = new ProcessStartInfo("aws") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var part in command.Concat(["--endpoint-url", endpoint.ToString(), "--query", query, "--output", "text"]))
            {
                startInfo.ArgumentList.Add(part);
            }

            foreach (var (key, value) in caller ?? EmulatorCredentials.Environment(endpoint))
            {
                startInfo.Environment[key] = value;
            }

            using var process = Process.Start(startInfo)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            found[service] = process.ExitCode == 0 ? output.Trim() : $"ERROR {error.Trim()}";
        }

        return found;
    }

    /// <summary>The image a Lambda function runs, as Lambda itself reports it (its Code.ImageUri).</summary>
    public static async Task<string> FunctionImageAsync(Uri endpoint, string function, IReadOnlyDictionary<string, string>? caller = null)
    {
        var startInfo = new ProcessStartInfo("aws") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var part in new[] { "lambda", "get-function", "--function-name", function, "--endpoint-url", endpoint.ToString(),
                     "--query", "Code.ImageUri", "--output", "text" })
        {
            startInfo.ArgumentList.Add(part);
        }

        foreach (var (key, value) in caller ?? EmulatorCredentials.Environment(endpoint))
        {
            startInfo.Environment[key] = value;
        }

        using var process = Process.Start(startInfo)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? output.Trim() : $"ERROR {error.Trim()}";
    }

    public static Task<bool> AnswersAsync(Uri endpoint) => MotoServer.IsAnsweringAsync(endpoint);
}
