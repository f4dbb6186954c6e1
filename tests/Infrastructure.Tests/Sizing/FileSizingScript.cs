using System.Diagnostics;
using System.Text.Json;
using DataPlatform.Infrastructure.Tests.Terraform;

namespace DataPlatform.Infrastructure.Tests.Sizing;

/// <summary>Runs tools/file_sizing.py (Python 3, as CI has it for moto) and returns what it printed.</summary>
public static class FileSizingScript
{
    public static string ScriptPath => Path.Combine(RepositoryLayout.Root, "tools", "file_sizing.py");

    public static string Table() => Run();

    public static IReadOnlyList<JsonElement> Rows()
    {
        using var document = JsonDocument.Parse(Run("--json"));
        return [.. document.RootElement.EnumerateArray().Select(row => row.Clone())];
    }

    private static string Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(ScriptPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start: install Python 3.11 (CI has it for moto).");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0
            ? output.Result
            : throw new InvalidOperationException($"{ScriptPath} exited {process.ExitCode}: {error}");
    }
}
