using System.Security.Cryptography;
using System.Text;

namespace DataPlatform.Deployment.Terraform;

/// <summary>
/// The copy of <c>terraform/stacks</c> and <c>terraform/modules</c> that one environment's
/// terraform runs in (<c>.state/&lt;env&gt;/terraform/src/</c>), so that a run writes nothing into the
/// source tree and two environments can run at once: each has its own backend override. Plain
/// file copies (no links, so Windows works the same), refreshed when the source changes.
/// </summary>
public static class TerraformWorkingCopy
{
    public const string BackendOverrideFile = "backend_override.tf";

    // The stacks declare an S3 backend; an environment without a backend file keeps its state in
    // files instead (the path comes with -backend-config).
    public const string LocalBackendOverride = "terraform {\n  backend \"local\" {}\n}\n";

    private static readonly string[] Folders = ["stacks", "modules"];

    // The repository's event contracts (contracts/*.json), which the compute stack reads as
    // ../../../contracts: copied beside the copy, where that path leads from its stacks too.
    private const string ContractsFolder = "contracts";

    /// <summary>Brings <paramref name="copy"/> up to date with <c>&lt;repositoryRoot&gt;/terraform</c>; true when it had to copy.</summary>
    public static bool Refresh(string repositoryRoot, string copy, bool localBackend)
    {
        var source = Path.Combine(repositoryRoot, "terraform");
        var files = Folders
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(source, folder), "*", SearchOption.AllDirectories))
            .Select(file => Path.GetRelativePath(source, file))
            .Where(Copied)
            .Order(StringComparer.Ordinal)
            .ToList();
        var contracts = Path.Combine(repositoryRoot, ContractsFolder);
        var contractFiles = Directory.Exists(contracts)
            ? Directory.EnumerateFiles(contracts, "*.json").Select(f => Path.GetRelativePath(source, f)).Order(StringComparer.Ordinal).ToList()
            : [];
        var stamp = Fingerprint(source, [.. files, .. contractFiles], localBackend);
        var stampFile = copy + ".sha256";
        if (Directory.Exists(copy) && File.Exists(stampFile) && File.ReadAllText(stampFile) == stamp)
        {
            return false;
        }

        // Built beside and swapped in, so a run of the same environment never sees half a copy.
        var fresh = $"{copy}.{Guid.NewGuid():N}";
        foreach (var file in files)
        {
            var target = Path.Combine(fresh, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(source, file), target);
        }

        if (localBackend)
        {
            foreach (var stack in Directory.EnumerateDirectories(Path.Combine(fresh, "stacks")))
            {
                File.WriteAllText(Path.Combine(stack, BackendOverrideFile), LocalBackendOverride);
            }
        }

        if (Directory.Exists(copy))
        {
            Directory.Delete(copy, recursive: true);
        }

        Directory.Move(fresh, copy);
        CopyContracts(source, contractFiles, Path.Combine(Path.GetDirectoryName(Path.GetFullPath(copy))!, ContractsFolder), Path.GetFullPath(contracts));
        File.WriteAllText(stampFile, stamp);
        return true;
    }

    private static void CopyContracts(string source, IReadOnlyList<string> files, string target, string original)
    {
        // A copy made in the repository's root has the source's contracts beside it already.
        if (string.Equals(target, original, StringComparison.Ordinal))
        {
            return;
        }

        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }

        if (files.Count == 0)
        {
            return;
        }

        Directory.CreateDirectory(target);
        foreach (var file in files)
        {
            File.Copy(Path.Combine(source, file), Path.Combine(target, Path.GetFileName(file)));
        }
    }

    // Only stacks/ and modules/ are read, so the root module's files in terraform/ (and a user's
    // .terraform, state and tfvars beside them, from `cd terraform && terraform apply`) never
    // reach the copy. Within those folders, what a hand run of terraform leaves is not source
    // either: its working data, state and backups (*.tfstate*), saved plans, and an override
    // left by an older kit.
    private static bool Copied(string relative)
    {
        var name = Path.GetFileName(relative);
        return !relative.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Any(part => part == ".terraform")
            && name != BackendOverrideFile
            && !name.Contains(".tfstate", StringComparison.Ordinal)
            && name != "tfplan"
            && !name.EndsWith(".tfplan", StringComparison.Ordinal);
    }

    private static string Fingerprint(string source, IEnumerable<string> files, bool localBackend)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(localBackend ? "local\n" : "s3\n"));
        foreach (var file in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(file.Replace('\\', '/') + "\n"));
            hash.AppendData(File.ReadAllBytes(Path.Combine(source, file)));
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
