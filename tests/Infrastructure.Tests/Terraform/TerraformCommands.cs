using System.Diagnostics;
using System.Text;
using DataPlatform.Deployment.Terraform;

namespace DataPlatform.Infrastructure.Tests.Terraform;

/// <summary>
/// Single terraform commands outside a stack pipeline (fmt, validate, the broken fixture's plan),
/// run through the deployment core's <see cref="TerraformCli"/> with their output captured.
/// </summary>
public static class TerraformCommands
{
    // A guard against a hung command, not a speed check: plans share two cores with other assemblies' deploys.
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(30);

    public static Task<TerraformResult> RunAsync(string workingDirectory, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?> environment) =>
        Task.Run(() =>
        {
            var output = new StringBuilder();
            var standardOutput = new StringBuilder();
            var clock = Stopwatch.StartNew();
            using var timeout = new CancellationTokenSource(Timeout);
            var exitCode = TerraformCli.Find().Run(workingDirectory, arguments, environment, (line, isError) =>
            {
                output.AppendLine(line);
                if (!isError)
                {
                    standardOutput.AppendLine(line);
                }
            }, timeout.Token);
            return new TerraformResult(string.Join(' ', arguments), exitCode, output.ToString(), standardOutput.ToString(), clock.Elapsed);
        });

    /// <summary>
    /// Environment for terraform in a directory outside any stack workspace (modules, fixtures):
    /// its own data directory and the offline CLI config when this machine needs one.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> IsolatedEnvironment(string dataDirectory)
    {
        var environment = new Dictionary<string, string?>
        {
            ["TF_DATA_DIR"] = dataDirectory,
            ["TF_IN_AUTOMATION"] = "1",
            ["TF_INPUT"] = "0",
        };
        foreach (var (key, value) in TerraformCliConfig.OfflineEnvironment(Path.GetDirectoryName(dataDirectory)!))
        {
            environment[key] = value;
        }

        return environment;
    }
}
