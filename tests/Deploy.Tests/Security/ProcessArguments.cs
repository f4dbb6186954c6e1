namespace DataPlatform.Deploy.Tests.Security;

/// <summary>
/// Samples every process's argv from /proc (what any user of the machine could read with <c>ps</c>)
/// every 100 ms until disposed, keeping each distinct command line.
/// </summary>
public sealed class ProcessArguments : IAsyncDisposable
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;

    private ProcessArguments() => _sampling = Task.Run(SampleAsync);

    public static ProcessArguments Start() => new();

    /// <summary>The distinct command lines seen so far (arguments joined by spaces).</summary>
    public IReadOnlyList<string> Seen
    {
        get
        {
            lock (_seen)
            {
                return [.. _seen];
            }
        }
    }

    /// <summary>Stops sampling; what was seen stays readable. Safe to call more than once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
        }

        await _sampling;
    }

    private async Task SampleAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var now = Read();
            lock (_seen)
            {
                _seen.UnionWith(now);
            }

            try
            {
                await Task.Delay(100, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static List<string> Read()
    {
        var lines = new List<string>();
        if (!Directory.Exists("/proc"))
        {
            return lines;
        }

        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out _))
            {
                continue;
            }

            try
            {
                var raw = File.ReadAllText(Path.Combine(directory, "cmdline"));
                if (raw.Length > 0)
                {
                    lines.Add(raw.Replace('\0', ' ').TrimEnd());
                }
            }
            catch (Exception gone) when (gone is IOException or UnauthorizedAccessException)
            {
                // The process ended between listing and reading, or hides its argv: nothing to see.
            }
        }

        return lines;
    }
}
