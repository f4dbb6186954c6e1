using System.Security.Cryptography;
using System.Text;

namespace DataPlatform.Build.Testing;

/// <summary>
/// The build's one hash of a set of source files: a salt (what the files are for), then each file's path, length and
/// bytes in ordinal order of '/'-separated paths, so the same tree hashes the same on every machine and moving bytes
/// from one file to the next changes the hash. The image's content tag, the processor tests' stamp and the local
/// deploy identity's configuration all use it.
/// </summary>
public static class SourceFingerprint
{
    /// <summary>The files under <paramref name="paths"/> (files or folders, relative to <paramref name="root"/>), build output left out.</summary>
    public static string Of(string root, IEnumerable<string> paths, string salt)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return Hash(root, paths.SelectMany(p => Files(root, p)).Distinct(StringComparer.Ordinal), salt);
    }

    /// <summary>Exactly <paramref name="relativeFiles"/> ('/'-separated, relative to <paramref name="root"/>).</summary>
    public static string Hash(string root, IEnumerable<string> relativeFiles, string salt)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(salt + "\n"));
        foreach (var file in relativeFiles.Order(StringComparer.Ordinal))
        {
            var bytes = File.ReadAllBytes(Path.Combine(root, file));
            hash.AppendData(Encoding.UTF8.GetBytes($"{file}\0{bytes.Length}\0"));
            hash.AppendData(bytes);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>bin/ and obj/ at any depth: what builds write, and what the image's .dockerignore keeps out.</summary>
    public static bool IsBuildOutput(string relativePath) =>
        relativePath.Split('/').SkipLast(1).Any(part => part is "bin" or "obj");

    private static IEnumerable<string> Files(string root, string path)
    {
        var full = Path.Combine(root, path);
        if (File.Exists(full))
        {
            return [path.Replace('\\', '/')];
        }

        return Directory.Exists(full)
            ? Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
                .Where(f => !IsBuildOutput(f))
            : [];
    }
}
