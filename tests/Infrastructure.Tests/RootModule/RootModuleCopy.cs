using DataPlatform.Infrastructure.Tests.Terraform;

namespace DataPlatform.Infrastructure.Tests.RootModule;

/// <summary>
/// What a fresh clone's <c>terraform/</c> holds for the root module, copied to a folder of the
/// test's own: the root's files and the modules it calls, under <c>terraform/</c>, with the
/// repository's <c>contracts/</c> beside it (the root reads <c>../contracts</c>). Runs there leave the source tree as it
/// was (the platform fixture checks that), and start as a newcomer's would: no state, no .terraform.
/// </summary>
public static class RootModuleCopy
{
    /// <summary>Makes the copy under <paramref name="clone"/> and returns its <c>terraform/</c> folder.</summary>
    public static string Create(string clone)
    {
        var source = RepositoryLayout.TerraformDirectory;
        var target = Path.Combine(clone, "terraform");
        Directory.CreateDirectory(target);
        var contracts = Path.Combine(RepositoryLayout.Root, "contracts");
        if (Directory.Exists(contracts))
        {
            Directory.CreateDirectory(Path.Combine(clone, "contracts"));
            foreach (var contract in Directory.GetFiles(contracts, "*.json"))
            {
                File.Copy(contract, Path.Combine(clone, "contracts", Path.GetFileName(contract)));
            }
        }

        // A developer's *_override.tf is theirs, not the root's.
        var rootFiles = Directory.GetFiles(source, "*.tf").Where(f => !f.EndsWith("_override.tf", StringComparison.Ordinal));
        foreach (var file in rootFiles.Append(Path.Combine(source, ".terraform.lock.hcl")))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        foreach (var file in Directory.EnumerateFiles(RepositoryLayout.ModulesDirectory, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.Split(Path.DirectorySeparatorChar).Contains(".terraform"))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(target, relative))!);
            File.Copy(file, Path.Combine(target, relative));
        }

        return target;
    }
}
