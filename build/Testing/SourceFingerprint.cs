using System.Security.Cryptography;
using System.Text;

namespace DataPlatform.Build.Testing;

/// <summary>
/// A SHA-256 over the files a test run depends on (path and content, in ordinal order), leaving out what builds
/// write (bin/, obj/): equal fingerprints mean the same source, so a passing run need not be repeated.
/// </summary>
public static class SourceFingerprint
{
    public static string Of(string root, IEnumerable<string> paths, string salt)
    {
        ArgumentNullException.ThrowIfNull(paths);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(salt + "\n"));
        foreach (var file in paths.SelectMany(p => Files(Path.Combine(root, p))).Distinct().Order(StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(root, file).Replace('\\', '/') + "\n"));
            hash.AppendData(File.ReadAllBytes(file));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static IEnumerable<string> Files(string path)
    {
        if (File.Exists(path))
        {
            return [path];
        }

        if (!Directory.Exists(path))
        {
            return [];
        }

        return Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(path, f).Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)
                .Any(segment => segment is "bin" or "obj"));
    }
}
