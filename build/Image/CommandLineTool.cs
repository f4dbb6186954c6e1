using Cake.Core;
using Cake.Core.IO;
using Cake.Core.Tooling;

namespace DataPlatform.Build.Image;

/// <summary>
/// Runs a command line tool through Cake's tool base class (tool lookup, ToolPath override, the
/// safe "Executing:" log line) but hands the exit code and the output back to the caller, because
/// each caller knows what a failure means and must explain it in a sentence. Output is captured
/// by a handler that returns null, so Cake itself never echoes it (a login password is output).
/// </summary>
public abstract class CommandLineTool<TSettings> : Tool<TSettings>
    where TSettings : ToolSettings, new()
{
    private readonly FilePath? _toolPath;
    private readonly IReadOnlyDictionary<string, string?> _environment;
    private readonly DirectoryPath _workingDirectory;

    protected CommandLineTool(ICakeContext context, FilePath? toolPath, IReadOnlyDictionary<string, string?> environment, DirectoryPath workingDirectory)
        : base(context.FileSystem, context.Environment, context.ProcessRunner, context.Tools)
    {
        _toolPath = toolPath;
        _environment = environment;
        _workingDirectory = workingDirectory;
    }

    /// <summary>True when the tool can be found (on PATH, or at the configured ToolPath).</summary>
    public bool IsAvailable()
    {
        try
        {
            return GetToolPath(NewSettings(null)) is not null;
        }
        catch (CakeException)
        {
            return false;
        }
    }

    /// <summary>
    /// Runs the tool. <paramref name="echo"/> receives every output line as it arrives (for
    /// progress); leave it null for output that must not reach a log.
    /// </summary>
    protected ToolResult Execute(ProcessArgumentBuilder arguments, Action<string>? echo = null, string? standardInput = null, TimeSpan? timeout = null)
    {
        var output = new List<string>();
        var errors = new List<string>();
        var processSettings = new ProcessSettings
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectedStandardOutputHandler = line => Capture(output, line, echo),
            RedirectedStandardErrorHandler = line => Capture(errors, line, echo),
        };
        if (standardInput is not null)
        {
            processSettings.SetStandardInput(standardInput);
        }

        var exitCode = -1;
        try
        {
            Run(NewSettings(timeout), arguments, processSettings, process => exitCode = process.GetExitCode());
        }
        catch (IOException failure) when (standardInput is not null)
        {
            // The tool exited before it read its standard input (a broken pipe): report it as a
            // failed run with what it printed, never with the input itself.
            errors.Add($"the tool closed its standard input before reading it ({failure.Message})");
        }
        lock (output)
        {
            lock (errors)
            {
                return new ToolResult(exitCode, output.ToList(), errors.ToList());
            }
        }
    }

    private TSettings NewSettings(TimeSpan? timeout)
    {
        var settings = new TSettings
        {
            ToolPath = _toolPath,
            WorkingDirectory = _workingDirectory,
            // The caller reads the exit code and explains it; Cake's generic "returned an error" would not.
            HandleExitCode = _ => true,
            // A null value removes the variable from the child's environment (Cake's process runner
            // skips it), which is how an emulator session keeps a developer's profile out.
            EnvironmentVariables = _environment.ToDictionary(e => e.Key, e => e.Value!),
        };
        if (timeout is not null)
        {
            settings.ToolTimeout = timeout;
        }

        return settings;
    }

    private static string? Capture(List<string> lines, string? line, Action<string>? echo)
    {
        if (line is not null)
        {
            lock (lines)
            {
                lines.Add(line);
            }

            echo?.Invoke(line);
        }

        return null;
    }
}
