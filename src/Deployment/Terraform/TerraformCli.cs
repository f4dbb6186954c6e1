using DataPlatform.Deployment.Processes;

namespace DataPlatform.Deployment.Terraform;

/// <summary>The terraform binary: runs one command, hands every output line to the caller as it arrives, returns the exit code.</summary>
public sealed class TerraformCli
{
    public const string InstallHint =
        "Install Terraform 1.5 or newer (https://developer.hashicorp.com/terraform/install) and make sure `terraform` is on PATH.";

    // A developer's workspace selection or extra arguments must not change what the kit runs.
    private static readonly string[] VariablesToClear = ["TF_WORKSPACE", "TF_CLI_ARGS"];

    private readonly IProcessRunner _runner;
    private readonly string _executable;

    public TerraformCli(IProcessRunner runner, string executable)
    {
        _runner = runner;
        _executable = executable;
    }

    /// <summary>terraform from PATH, run through <paramref name="runner"/> (the real one by default).</summary>
    public static TerraformCli Find(IProcessRunner? runner = null) =>
        new(
            runner ?? new ProcessRunner(),
            ExecutableSearch.Find("terraform") ?? ExecutableSearch.Find("terraform.exe")
                ?? throw new DeploymentFailedException($"terraform was not found on PATH. {InstallHint}"));

    /// <summary>Runs <c>terraform &lt;arguments…&gt;</c>; <paramref name="onLine"/> sees stdout and stderr lines (the flag says which).</summary>
    /// <param name="environment">Variables on top of this process's own; a null value removes one.</param>
    public int Run(
        string workingDirectory,
        IReadOnlyList<string> arguments,
        IReadOnlyDictionary<string, string?> environment,
        Action<string, bool> onLine,
        CancellationToken cancellationToken = default)
    {
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var name in VariablesToClear)
        {
            variables[name] = null;
        }

        foreach (var (key, value) in environment)
        {
            variables[key] = value;
        }

        return _runner.Run(new ProcessCommand(_executable, arguments, workingDirectory, variables), onLine, cancellationToken);
    }
}
