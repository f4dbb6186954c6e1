using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace DataPlatform.Deployment.Terraform;

/// <summary>
/// Drives one stack of one environment through terraform: init (skipped when nothing it depends
/// on changed), plan to a file, apply that file, read outputs, destroy.
/// </summary>
public sealed partial class StackRunner
{
    private readonly StackWorkspace _workspace;
    private readonly TerraformCli _terraform;
    private readonly IReadOnlyDictionary<string, string?> _awsEnvironment;
    private readonly IDeploymentLog _log;
    private IReadOnlySet<string>? _declared;

    /// <param name="awsEnvironment">Where AWS is and who calls it: set on every terraform process.</param>
    public StackRunner(StackWorkspace workspace, TerraformCli terraform, IReadOnlyDictionary<string, string?> awsEnvironment, IDeploymentLog log)
    {
        _workspace = workspace;
        _terraform = terraform;
        _awsEnvironment = awsEnvironment;
        _log = log;
    }

    public string Name => _workspace.Stack.Name;

    public Stack Stack => _workspace.Stack;

    public StackWorkspace Workspace => _workspace;

    private string InitStamp => Path.Combine(_workspace.DataDirectory, "kit-init.sha256");

    /// <summary>The variables the stack declares: only those are passed, so Terraform never warns of undeclared ones.</summary>
    public IReadOnlySet<string> DeclaredVariables => _declared ??= TerraformDeclarations.Variables(_workspace.SourceDirectory);

    public void Init()
    {
        Directory.CreateDirectory(_workspace.DataDirectory);
        var stamp = InitFingerprint();
        if (File.Exists(InitStamp) && File.ReadAllText(InitStamp) == stamp)
        {
            _log.Stack(Name, "init: up to date (configuration, lock file and backend unchanged)", detail: true);
            return;
        }

        var clock = Stopwatch.StartNew();
        var exitCode = Run("init", [.. _workspace.InitArguments(), "-no-color"], json: null);
        if (exitCode != 0)
        {
            throw new DeploymentFailedException(
                $"terraform init failed for the {Name} stack (exit {exitCode}); its output is above. " +
                (_workspace.UsesLocalState
                    ? "Check that the AWS provider can be installed (a provider mirror or network access)."
                    : $"Check the backend settings in {Path.GetFileName(_workspace.Environment.BackendFile)} and that the state bucket exists."));
        }

        File.WriteAllText(InitStamp, stamp);
        _log.Stack(Name, $"init: done in {clock.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>Plans against the given inputs; the plan file is what <see cref="Apply"/> applies.</summary>
    public PlanResult Plan(IReadOnlyDictionary<string, JsonElement> inputs, IReadOnlyList<string> placeholders, bool destroy = false)
    {
        WriteInputs(inputs);
        var clock = Stopwatch.StartNew();
        var json = new TerraformJsonLog();
        var arguments = new List<string>
        {
            "-input=false", "-lock-timeout=30s", "-detailed-exitcode", "-json", $"-out={_workspace.PlanFile}",
            $"-var-file={_workspace.InputsFile}",
        };
        if (destroy)
        {
            arguments.Add("-destroy");
        }

        var exitCode = Run("plan", arguments, json);
        if (exitCode is not (0 or 2))
        {
            throw Failure("plan", exitCode, json);
        }

        return new PlanResult(Name, json.Add, json.Change, json.Remove, json.Changes, _workspace.PlanFile, clock.Elapsed, placeholders);
    }

    public TimeSpan Apply()
    {
        var clock = Stopwatch.StartNew();
        var json = new TerraformJsonLog(applying: true);
        var exitCode = Run("apply", ["-input=false", "-lock-timeout=30s", "-json", _workspace.PlanFile], json);
        if (exitCode != 0)
        {
            throw Failure("apply", exitCode, json);
        }

        return clock.Elapsed;
    }

    /// <summary>The stack's outputs from its state; empty when it has never been applied.</summary>
    public IReadOnlyDictionary<string, JsonElement> ReadOutputs()
    {
        var stdout = Capture(["output", "-json", "-no-color"], "terraform output");
        using var document = JsonDocument.Parse(stdout.Length == 0 ? "{}" : stdout);
        return document.RootElement.EnumerateObject()
            .ToDictionary(o => o.Name, o => o.Value.GetProperty("value").Clone(), StringComparer.Ordinal);
    }

    /// <summary>The resources in the stack's state (<c>terraform state list</c>); empty when it holds none.</summary>
    public IReadOnlyList<string> ResourcesInState() =>
        Capture(["state", "list"], "terraform state list")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The saved plan as Terraform's JSON document (<c>terraform show -json</c>), for policy checks.</summary>
    public string ShowPlan() => Capture(["show", "-json", "-no-color", _workspace.PlanFile], "terraform show");

    /// <summary>
    /// Runs a read-only terraform command and returns its standard output; its standard error goes to
    /// the log as it comes, so that a failure's reason is already on screen when this throws.
    /// </summary>
    private string Capture(string[] arguments, string what)
    {
        var stdout = new StringBuilder();
        var exitCode = Terraform(arguments, (line, isError) =>
        {
            if (isError)
            {
                _log.Stack(Name, line, warning: true);
            }
            else
            {
                stdout.AppendLine(line);
            }
        });
        if (exitCode != 0)
        {
            throw new DeploymentFailedException($"{what} failed for the {Name} stack (exit {exitCode}); its output is above.");
        }

        return stdout.ToString();
    }

    /// <summary>Writes the stack's variables file: of the given values, those the stack declares.</summary>
    private void WriteInputs(IReadOnlyDictionary<string, JsonElement> inputs)
    {
        var values = new SortedDictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (name, value) in inputs)
        {
            if (DeclaredVariables.Contains(name))
            {
                values[name] = value;
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(_workspace.InputsFile)!);
        File.WriteAllText(_workspace.InputsFile, JsonSerializer.Serialize(values, new JsonSerializerOptions { WriteIndented = true }));
    }

    private int Run(string command, IReadOnlyList<string> arguments, TerraformJsonLog? json) =>
        Terraform([command, .. arguments], (line, isError) =>
        {
            if (json is null || isError)
            {
                _log.Stack(Name, line, warning: isError);
                return;
            }

            var (text, detail) = json.Read(line);
            if (text is not null)
            {
                _log.Stack(Name, text, detail);
            }
        });

    private int Terraform(IReadOnlyList<string> arguments, Action<string, bool> onLine)
    {
        var environment = _workspace.ProcessEnvironment().ToDictionary(kv => kv.Key, kv => (string?)kv.Value, StringComparer.Ordinal);
        foreach (var (key, value) in _awsEnvironment)
        {
            environment[key] = value;
        }

        return _terraform.Run(_workspace.StackDirectory, arguments, environment, onLine);
    }

    private DeploymentFailedException Failure(string command, int exitCode, TerraformJsonLog json)
    {
        var errors = string.Join(Environment.NewLine, json.Errors.Select(e => "  " + e));
        var locked = json.Errors.FirstOrDefault(e => e.Contains("state lock", StringComparison.OrdinalIgnoreCase));
        if (locked is not null)
        {
            var id = LockId().Match(locked);
            return new DeploymentFailedException(
                $"The {Name} stack's state is locked by another run, so terraform {command} could not start. " +
                "Wait for that run to finish. If it crashed and nothing else is running, unlock it with " +
                $"`terraform force-unlock {(id.Success ? id.Groups[1].Value : "<LOCK ID>")}` in {_workspace.StackDirectory} " +
                $"(TF_DATA_DIR={_workspace.DataDirectory}).{Environment.NewLine}{errors}");
        }

        return new DeploymentFailedException(
            $"terraform {command} failed for the {Name} stack (exit {exitCode}). It ran in the environment's copy of terraform/ " +
            $"({_workspace.WorkingCopy}): file names and line numbers in its messages are those of terraform/stacks/{Name} and terraform/modules." +
            (errors.Length > 0 ? $"{Environment.NewLine}{errors}" : " Its output is above."));
    }

    private string InitFingerprint()
    {
        var text = new StringBuilder();
        text.AppendLine(string.Join('\u0001', _workspace.InitArguments()));
        foreach (var (key, value) in _workspace.ProcessEnvironment().OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            text.Append(key).Append('=').AppendLine(value);
        }

        foreach (var file in Directory.EnumerateFiles(_workspace.StackDirectory).Where(f => f.EndsWith(".tf") || f.EndsWith(".hcl")).Order(StringComparer.Ordinal))
        {
            text.AppendLine(Path.GetFileName(file)).AppendLine(File.ReadAllText(file));
        }

        text.AppendLine(_workspace.StackDirectory);
        if (_workspace.Environment.BackendFile is { } backend)
        {
            text.AppendLine(File.ReadAllText(backend));
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    [GeneratedRegex(@"ID:\s+([0-9a-fA-F-]{8,})")]
    private static partial Regex LockId();
}
