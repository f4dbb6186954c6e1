using System.Diagnostics;

namespace DataPlatform.Deploy.Tests.Pipeline;

/// <summary>One call of the real AWS CLI with the caller's environment; returns its exit code and output, never throws on a refusal.</summary>
public static class AwsCli
{
    public static (int ExitCode, string Output, string Error) Run(IReadOnlyDictionary<string, string> caller, params string[] arguments)
    {
        var start = new ProcessStartInfo("aws") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // AWS CLI v1 ignores AWS_ENDPOINT_URL for some services (SQS went to queue.amazonaws.com): name it.
        if (caller.TryGetValue("AWS_ENDPOINT_URL", out var endpoint) && !arguments.Contains("--endpoint-url"))
        {
            start.ArgumentList.Add("--endpoint-url");
            start.ArgumentList.Add(endpoint);
        }

        start.Environment.Remove("AWS_PROFILE");
        start.Environment.Remove("AWS_SESSION_TOKEN");
        foreach (var (name, value) in caller)
        {
            start.Environment[name] = value;
        }

        start.Environment["AWS_PAGER"] = "";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result.Trim());
    }
}
