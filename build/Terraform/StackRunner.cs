using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DataPlatform.Build.Aws;
using DataPlatform.Build.Host;
using DataPlatform.Deployment.Terraform;

namespace DataPlatform.Build.Terraform;

/// <summary>
/// Drives one stack of one environment through terraform: init (skipped when nothing it depends
/// on changed), plan to a file, apply that file, read outputs, destroy.
/// </summary>
public sealed partial class StackRunner
{
    private readonly StackWorkspace _workspace;
    private readonly TerraformTool _tool;
    private readonly AwsSession _aws;
    private readonly StackLog _log;
    private IReadOnlySet<string>? _declared;

    public StackRunner(StackWorkspace workspace, TerraformTool tool, AwsSession aws, StackLog log)
    {
        _workspace = workspace;
        _tool = tool;
        _aws = aws;
        _log = log;
    }

    public string Name => _workspace.Stack.Name;

    public Stack Stack => _workspace.Stack;

    public StackWorkspace Workspace => _workspace;

    private string InputsFile => Path.Combine(Path.GetDirectoryName(_workspace.DataDirectory)!, "inputs.tfvars.json");

    private string InitStamp => Path.Combine(_workspace.DataDirectory, "kit-init.sha256");

    /// <summary>The variables the stack declares: only those are passed, so Terraform never warns of undeclared ones.</summary>
    public IReadOnlySet<string> DeclaredVariables => _declared ??= Directory
        .EnumerateFiles(_workspace.StackDirectory, "*.tf")
        .SelectMany(file => VariableBlock().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value))
        .ToHashSet(StringComparer.Ordinal);

    public void Init()
    {
        _workspace.Prepare();
        var stamp = InitFingerprint();
        if (File.Exists(InitStamp) && File.ReadAllText(InitStamp) == stamp)
        {
            _log.Write(Name, "init: up to date (configuration, lock file and backend unchanged)", detail: true);
            return;
        }

        var clock = Stopwatch.StartNew();
        var exitCode = Run("init", [.. _workspace.InitArguments(), "-no-color"], json: null);
        if (exitCode != 0)
        {
            throw new BuildFailedException(
                $"terraform init failed for the {Name} stack (exit {exitCode}); its output is above. " +
                (_workspace.UsesLocalState
                    ? "Check that the AWS provider can be installed (a provider mirror or network access)."
                    : $"Check the backend settings in {Path.GetFileName(_workspace.BackendConfigFile)} and that the state bucket exists."));
        }

        File.WriteAllText(InitStamp, stamp);
        _log.Write(Name, $"init: done in {clock.Elapsed.TotalSeconds:0.0} s");
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
            $"-var-file={_workspace.VariablesFile}", $"-var-file={InputsFile}",
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
        var stdout = new StringBuilder();
        var exitCode = _tool.Run(Settings("output", ["-json", "-no-color"]), (line, isError) =>
        {
            if (isError)
            {
                _log.Write(Name, line, warning: true);
            }
            else
            {
                stdout.AppendLine(line);
            }
        });
        if (exitCode != 0)
        {
            throw new BuildFailedException($"terraform output failed for the {Name} stack (exit {exitCode}); its output is above.");
        }

        using var document = JsonDocument.Parse(stdout.Length == 0 ? "{}" : stdout.ToString());
        return document.RootElement.EnumerateObject()
            .ToDictionary(o => o.Name, o => o.Value.GetProperty("value").Clone(), StringComparer.Ordinal);
    }

    private void WriteInputs(IReadOnlyDictionary<string, JsonElement> inputs)
    {
        var values = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in inputs)
        {
            if (DeclaredVariables.Contains(name))
            {
                values[name] = value;
            }
        }

        // Values only the build knows: where AWS is, and the region the flag may have changed.
        if (DeclaredVariables.Contains("region"))
        {
            values["region"] = _aws.Region;
        }

        if (_aws.Endpoint is not null && DeclaredVariables.Contains("aws_endpoint_url"))
        {
            values["aws_endpoint_url"] = _aws.Endpoint.ToString().TrimEnd('/');
        }

        Directory.CreateDirectory(Path.GetDirectoryName(InputsFile)!);
        File.WriteAllText(InputsFile, JsonSerializer.Serialize(values, new JsonSerializerOptions { WriteIndented = true }));
    }

    private int Run(string command, IReadOnlyList<string> arguments, TerraformJsonLog? json) =>
        _tool.Run(Settings(command, arguments), (line, isError) =>
        {
            if (json is null || isError)
            {
                _log.Write(Name, line, warning: isError);
                return;
            }

            var (text, detail) = json.Read(line);
            if (text is not null)
            {
                _log.Write(Name, text, detail);
            }
        });

    private TerraformSettings Settings(string command, IReadOnlyList<string> arguments)
    {
        var environment = new Dictionary<string, string>(_workspace.ProcessEnvironment());
        foreach (var (key, value) in _aws.ProcessEnvironment())
        {
            environment[key] = value;
        }

        return new TerraformSettings
        {
            Command = command,
            Arguments = arguments,
            WorkingDirectory = _workspace.StackDirectory,
            EnvironmentVariables = environment,
        };
    }

    private BuildFailedException Failure(string command, int exitCode, TerraformJsonLog json)
    {
        var errors = string.Join(Environment.NewLine, json.Errors.Select(e => "  " + e));
        var locked = json.Errors.FirstOrDefault(e => e.Contains("state lock", StringComparison.OrdinalIgnoreCase));
        if (locked is not null)
        {
            var id = LockId().Match(locked);
            return new BuildFailedException(
                $"The {Name} stack's state is locked by another run, so terraform {command} could not start. " +
                "Wait for that run to finish. If it crashed and nothing else is running, unlock it with " +
                $"`terraform force-unlock {(id.Success ? id.Groups[1].Value : "<LOCK ID>")}` in terraform/stacks/{Name} " +
                $"(TF_DATA_DIR={_workspace.DataDirectory}).{Environment.NewLine}{errors}");
        }

        return new BuildFailedException(
            $"terraform {command} failed for the {Name} stack (exit {exitCode})." +
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

        if (!_workspace.UsesLocalState && File.Exists(_workspace.BackendConfigFile))
        {
            text.AppendLine(File.ReadAllText(_workspace.BackendConfigFile));
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    [GeneratedRegex(@"^\s*variable\s+""([A-Za-z0-9_-]+)""", RegexOptions.Multiline)]
    private static partial Regex VariableBlock();

    [GeneratedRegex(@"ID:\s+([0-9a-fA-F-]{8,})")]
    private static partial Regex LockId();
}
