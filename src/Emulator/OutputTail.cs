namespace DataPlatform.Emulator;

/// <summary>
/// The last lines a server printed, kept so that a server which exits at start (the launcher refusing
/// to run without IAM enforcement, a port taken) can say why even when its output goes nowhere else.
/// </summary>
internal sealed class OutputTail
{
    private const int Lines = 5;
    private readonly Queue<string> _lines = new();

    public void Add(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        lock (_lines)
        {
            _lines.Enqueue(line);
            if (_lines.Count > Lines)
            {
                _lines.Dequeue();
            }
        }
    }

    /// <summary>The kept lines after a lead-in, or nothing when the server printed nothing.</summary>
    public string Describe()
    {
        lock (_lines)
        {
            return _lines.Count == 0 ? "" : $" Its last output:{System.Environment.NewLine}{string.Join(System.Environment.NewLine, _lines)}";
        }
    }
}
