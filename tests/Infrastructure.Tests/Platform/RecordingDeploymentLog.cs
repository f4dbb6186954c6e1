using System.Collections.Concurrent;
using System.Text;
using DataPlatform.Deployment.Terraform;

namespace DataPlatform.Infrastructure.Tests.Platform;

/// <summary>Keeps what the deployment core reported, per stack, for assertions and failure messages.</summary>
public sealed class RecordingDeploymentLog : IDeploymentLog
{
    private readonly ConcurrentDictionary<string, StringBuilder> _stacks = new();
    private readonly StringBuilder _pipeline = new();

    public void Stack(string stack, string text, bool detail = false, bool warning = false)
    {
        var lines = _stacks.GetOrAdd(stack, _ => new StringBuilder());
        lock (lines)
        {
            lines.AppendLine(text);
        }
    }

    public void Information(string text)
    {
        lock (_pipeline)
        {
            _pipeline.AppendLine(text);
        }
    }

    /// <summary>Everything one stack's terraform said so far.</summary>
    public string Of(string stack)
    {
        if (!_stacks.TryGetValue(stack, out var lines))
        {
            return "";
        }

        lock (lines)
        {
            return lines.ToString();
        }
    }

    public string Pipeline()
    {
        lock (_pipeline)
        {
            return _pipeline.ToString();
        }
    }
}
