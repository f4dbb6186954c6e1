using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace DataPlatform.Build.Image;

/// <summary>
/// A Docker image manifest written by hand for an emulator's ECR, which has no registry API to
/// push to. Its one layer is the processor's publish output as a tar (what the Dockerfile copies
/// into LAMBDA_TASK_ROOT), so its digest is the publish output's content hash; its config carries
/// the Dockerfile's CMD. The image digest is the SHA-256 of the manifest's bytes, as ECR computes it.
/// </summary>
public sealed partial record LocalImageManifest(string Json, string Digest, string LayerDigest, long LayerSize)
{
    public const string MediaType = "application/vnd.docker.distribution.manifest.v2+json";
    public const string ConfigMediaType = "application/vnd.docker.container.image.v1+json";

    /// <summary>An uncompressed tar: the digest is then the hash of the publish output itself.</summary>
    public const string LayerMediaType = "application/vnd.docker.image.rootfs.diff.tar";

    public static LocalImageManifest Create(string publishDirectory, string layerFile, string dockerfile, ImageContent content)
    {
        WriteLayer(publishDirectory, layerFile);
        var layerDigest = "sha256:" + Sha256(File.ReadAllBytes(layerFile));
        var layerSize = new FileInfo(layerFile).Length;

        var config = JsonSerializer.SerializeToUtf8Bytes(new
        {
            architecture = "amd64",
            os = "linux",
            config = new
            {
                Cmd = CommandOf(dockerfile),
                WorkingDir = "/var/task",
                Labels = new Dictionary<string, string> { ["dataplatform.content-hash"] = content.Hash },
            },
            rootfs = new { type = "layers", diff_ids = new[] { layerDigest } },
        });
        var manifest = JsonSerializer.Serialize(new
        {
            schemaVersion = 2,
            mediaType = MediaType,
            config = new { mediaType = ConfigMediaType, size = config.Length, digest = "sha256:" + Sha256(config) },
            layers = new[] { new { mediaType = LayerMediaType, size = layerSize, digest = layerDigest } },
        });
        return new LocalImageManifest(manifest, "sha256:" + Sha256(Encoding.UTF8.GetBytes(manifest)), layerDigest, layerSize);
    }

    /// <summary>
    /// A reproducible tar of the publish output under var/task/: sorted names, zero times and
    /// owners, fixed modes, so the same files always give the same digest.
    /// </summary>
    private static void WriteLayer(string publishDirectory, string layerFile)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(layerFile)!);
        using var stream = File.Create(layerFile);
        using var writer = new TarWriter(stream, TarEntryFormat.Ustar, leaveOpen: false);
        var files = Directory.EnumerateFiles(publishDirectory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(publishDirectory, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var entry = new UstarTarEntry(TarEntryType.RegularFile, "var/task/" + file)
            {
                ModificationTime = DateTimeOffset.UnixEpoch,
                Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                Uid = 0,
                Gid = 0,
                UserName = "",
                GroupName = "",
            };
            using var data = File.OpenRead(Path.Combine(publishDirectory, file));
            entry.DataStream = data;
            writer.WriteEntry(entry);
        }
    }

    /// <summary>The exec-form CMD of the Dockerfile (the Lambda handler), so the registered config says what the image would run.</summary>
    private static string[] CommandOf(string dockerfile)
    {
        var match = File.Exists(dockerfile) ? CmdLine().Match(File.ReadAllText(dockerfile)) : Match.Empty;
        return match.Success ? JsonSerializer.Deserialize<string[]>(match.Groups[1].Value) ?? [] : [];
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    [GeneratedRegex(@"^CMD\s+(\[.*\])\s*$", RegexOptions.Multiline)]
    private static partial Regex CmdLine();
}
