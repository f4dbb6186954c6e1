namespace DataPlatform.Reliability.Tests.Environment;

/// <summary>Reads every process's argv from /proc: what any user on the machine could see with <c>ps</c>.</summary>
public static class ProcessTable
{
    public static List<string> CommandLines()
    {
        var lines = new List<string>();
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
            catch (IOException)
            {
                // The process ended between listing and reading: nothing to see.
            }
            catch (UnauthorizedAccessException)
            {
                // Another user's process that hides its argv (hidepid): not ours.
            }
        }

        return lines;
    }

    /// <summary>Pids whose argv contains every one of <paramref name="parts"/>.</summary>
    public static List<int> Find(params string[] parts)
    {
        var pids = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                var args = File.ReadAllText(Path.Combine(directory, "cmdline")).Split('\0');
                if (parts.All(p => args.Any(a => a.Contains(p, StringComparison.Ordinal))))
                {
                    pids.Add(pid);
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return pids;
    }
}
