using DataPlatform.Deployment.Terraform;

namespace DataPlatform.Build.Terraform;

/// <summary>The deployment core's progress in Cake's log: terraform's lines prefixed with their stack, safe from stacks running side by side.</summary>
public sealed class CakeDeploymentLog(ICakeLog log) : IDeploymentLog
{
    private readonly Lock _gate = new();

    public void Stack(string stack, string text, bool detail = false, bool warning = false)
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

    public void Information(string text)
    {
        lock (_gate)
        {
            log.Information("{0}", text);
        }
    }
}
