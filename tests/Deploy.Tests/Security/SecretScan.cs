using System.IO.Compression;
using System.Text;

namespace DataPlatform.Deploy.Tests.Security;

/// <summary>
/// Looks for named secrets in named places (texts, files, folders, terraform plan files, which are
/// zip archives) and reports each finding by the secret's name and the place, never by its value,
/// so a failing assertion cannot print the secret it found.
/// </summary>
public sealed class SecretScan
{
    private readonly Dictionary<string, string> _secrets = new(StringComparer.Ordinal);
    private readonly List<(string Where, string Text)> _places = [];

    /// <summary>A secret to look for. Short values would match by chance, so they are refused: the scan would prove nothing.</summary>
    public SecretScan Secret(string name, string value)
    {
        if (value.Length < 16)
        {
            throw new ArgumentException($"The secret '{name}' is {value.Length} characters long; a scan for so short a value proves nothing.", nameof(value));
        }

        _secrets[name] = value;
        return this;
    }

    public IReadOnlyCollection<string> SecretNames => _secrets.Keys;

    public SecretScan Text(string where, string text)
    {
        _places.Add((where, text));
        return this;
    }

    /// <summary>Every file under <paramref name="folder"/>; plan files are opened and each entry read.</summary>
    public SecretScan Folder(string label, string folder, Func<string, bool>? include = null)
    {
        if (!Directory.Exists(folder))
        {
            return this;
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Where(f => include?.Invoke(f) ?? true))
        {
            File(label, folder, file);
        }

        return this;
    }

    /// <summary>How many places (texts, files, archive entries) the scan read.</summary>
    public int PlaceCount => _places.Count;

    /// <summary>Every place where a secret appears, as "secret name in place".</summary>
    public IReadOnlyList<string> Findings() =>
        [.. from place in _places
            from secret in _secrets
            where place.Text.Contains(secret.Value, StringComparison.Ordinal)
            select $"{secret.Key} in {place.Where}"];

    private void File(string label, string folder, string file)
    {
        var where = $"{label}/{Path.GetRelativePath(folder, file)}";
        byte[] bytes;
        try
        {
            bytes = System.IO.File.ReadAllBytes(file);
        }
        catch (IOException)
        {
            return;
        }

        if (file.EndsWith(".tfplan", StringComparison.Ordinal) || IsZip(bytes))
        {
            using var archive = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            foreach (var entry in archive.Entries)
            {
                using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
                _places.Add(($"{where}!{entry.FullName}", reader.ReadToEnd()));
            }

            return;
        }

        _places.Add((where, Encoding.UTF8.GetString(bytes)));
    }

    private static bool IsZip(byte[] bytes) => bytes.Length > 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4;
}
