using System.Globalization;

namespace DataPlatform.Build.Testing;

/// <summary>
/// A record that a suite passed on a given source fingerprint (<c>.state/&lt;name&gt;.passed</c>: the fingerprint,
/// then when). Written only after a pass; any other content, or none, means run again.
/// </summary>
public sealed class PassedStamp(string stateDirectory, string name)
{
    public string File { get; } = Path.Combine(stateDirectory, name + ".passed");

    /// <summary>When the suite passed on <paramref name="fingerprint"/>; null when it has not (or the source changed).</summary>
    public DateTimeOffset? PassedOn(string fingerprint)
    {
        if (!System.IO.File.Exists(File))
        {
            return null;
        }

        var lines = System.IO.File.ReadAllLines(File);
        return lines.Length >= 2 && lines[0] == fingerprint
            && DateTimeOffset.TryParse(lines[1], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when)
            ? when
            : null;
    }

    public void Record(string fingerprint, DateTimeOffset when)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(File)!);
        System.IO.File.WriteAllLines(File, [fingerprint, when.ToString("O", CultureInfo.InvariantCulture)]);
    }

    public void Forget()
    {
        // File.Delete throws when the folder is missing (a state folder no build has written yet).
        if (System.IO.File.Exists(File))
        {
            System.IO.File.Delete(File);
        }
    }
}
