using DataPlatform.Infrastructure.Tests.Terraform;

namespace DataPlatform.Infrastructure.Tests.RootModule;

/// <summary>
/// What a fresh clone's <c>terraform/</c> holds for the root module, copied to a folder of the
/// test's own: the root's files and the modules it calls. Runs there leave the source tree as it
/// was (the platform fixture checks that), and start as a newcomer's would: no state, no .terraform.
/// </summary>
public static class RootModuleCopy
{
    public static string Create(string target)
    {
        var source = RepositoryLayout.TerraformDirectory;
        Directory.CreateDirectory(target);
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
