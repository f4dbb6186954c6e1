using Cake.Core;
using Cake.Core.IO;
using Cake.Core.Tooling;
using DataPlatform.Build.Host;
using DataPlatform.Deployment;

namespace DataPlatform.Build.Terraform;

/// <summary>
/// The terraform binary as a Cake tool (Cake.Terraform is not served): runs one command, hands
/// every output line to the caller as it arrives, and returns the exit code.
/// </summary>
public sealed class TerraformTool(IFileSystem fileSystem, ICakeEnvironment environment, IProcessRunner processRunner, IToolLocator tools)
    : Tool<TerraformSettings>(fileSystem, environment, processRunner, tools)
{
    public const string InstallHint =
        "Install Terraform 1.5 or newer (https://developer.hashicorp.com/terraform/install) and make sure `terraform` is on PATH.";

    public static TerraformTool For(ICakeContext context)
    {
        if (ExecutableSearch.Find("terraform") is null && ExecutableSearch.Find("terraform.exe") is null)
        {
            throw new BuildFailedException($"terraform was not found on PATH. {InstallHint}");
        }

        return new TerraformTool(context.FileSystem, context.Environment, context.ProcessRunner, context.Tools);
    }

    /// <summary>Runs the command; <paramref name="onLine"/> sees stdout and stderr lines (the flag says which).</summary>
    public int Run(TerraformSettings settings, Action<string, bool> onLine)
    {
        var arguments = new ProcessArgumentBuilder().Append(settings.Command);
        foreach (var argument in settings.Arguments)
        {
            arguments.AppendQuoted(argument);
        }

        var exitCode = -1;
        var run = new TerraformSettings
        {
            Command = settings.Command,
            WorkingDirectory = settings.WorkingDirectory,
            EnvironmentVariables = settings.EnvironmentVariables,
            // Exit codes are answers the caller reads (plan -detailed-exitcode says 2 for "changes").
            HandleExitCode = _ => true,
        };
        Run(run, arguments, new ProcessSettings
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Silent = true,
            RedirectedStandardOutputHandler = line =>
            {
                if (line is not null)
                {
                    onLine(line, false);
                }

                return null!;
            },
            RedirectedStandardErrorHandler = line =>
            {
                if (line is not null)
                {
                    onLine(line, true);
                }

                return null!;
            },
        }, process => exitCode = process.GetExitCode());
        return exitCode;
    }

    protected override string GetToolName() => "Terraform";

    protected override IEnumerable<string> GetToolExecutableNames() => ["terraform", "terraform.exe"];
}
