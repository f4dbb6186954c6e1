namespace DataPlatform.Build.Terraform;

/// <summary>Terraform's output, each line prefixed with its stack, safe to write from stacks running side by side.</summary>
public sealed class StackLog(ICakeLog log)
{
    private readonly Lock _gate = new();

    public void Write(string stack, string text, bool detail = false, bool warning = false)
    {
        lock (_gate)
        {
            foreach (var line in text.Split('\n'))
            {
                log.Write(
                    detail ? Verbosity.Verbose : Verbosity.Normal,
                    warning ? LogLevel.Warning : LogLevel.Information,
                    "{0}",
                    $"[{stack}] {line.TrimEnd('\r')}");
            }
        }
    }
}
