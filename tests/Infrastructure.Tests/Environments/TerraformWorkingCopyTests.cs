using DataPlatform.Deployment.Terraform;

namespace DataPlatform.Infrastructure.Tests.Environments;

public sealed class TerraformWorkingCopyTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("working-copy-").FullName;

    public TerraformWorkingCopyTests()
    {
        Write("terraform/stacks/storage/main.tf", "module \"lake\" {\n  source = \"../../modules/lake\"\n}\n");
        Write("terraform/modules/lake/main.tf", "# lake\n");
        Write("terraform/stacks/storage/.terraform/providers/junk", "not source");
    }

    [Fact]
    public void Copies_stacks_and_modules_with_the_local_backend_override_and_leaves_the_source_alone()
    {
        var copy = Path.Combine(_root, ".state", "local", "terraform", "src");

        Assert.True(TerraformWorkingCopy.Refresh(_root, copy, localBackend: true));

        Assert.Equal(File.ReadAllText(Path.Combine(_root, "terraform/stacks/storage/main.tf")), File.ReadAllText(Path.Combine(copy, "stacks/storage/main.tf")));
        Assert.True(File.Exists(Path.Combine(copy, "modules/lake/main.tf")), "the modules must sit beside the stacks, as ../../modules says");
        Assert.Equal(TerraformWorkingCopy.LocalBackendOverride, File.ReadAllText(Path.Combine(copy, "stacks/storage", TerraformWorkingCopy.BackendOverrideFile)));
        Assert.False(Directory.Exists(Path.Combine(copy, "stacks/storage/.terraform")));
        Assert.False(File.Exists(Path.Combine(_root, "terraform/stacks/storage", TerraformWorkingCopy.BackendOverrideFile)));
    }

    [Fact]
    public void Refreshes_only_when_the_source_or_the_backend_changes()
    {
        var copy = Path.Combine(_root, "copy");
        TerraformWorkingCopy.Refresh(_root, copy, localBackend: false);

        Assert.False(TerraformWorkingCopy.Refresh(_root, copy, localBackend: false));
        Assert.False(File.Exists(Path.Combine(copy, "stacks/storage", TerraformWorkingCopy.BackendOverrideFile)));

        Write("terraform/modules/lake/main.tf", "# lake, changed\n");
        Assert.True(TerraformWorkingCopy.Refresh(_root, copy, localBackend: false));
        Assert.Equal("# lake, changed\n", File.ReadAllText(Path.Combine(copy, "modules/lake/main.tf")));
        Assert.True(TerraformWorkingCopy.Refresh(_root, copy, localBackend: true));
    }

    [Fact]
    public void Ignores_the_root_module_and_what_hand_runs_of_terraform_leave_behind()
    {
        var copy = Path.Combine(_root, "copy");
        TerraformWorkingCopy.Refresh(_root, copy, localBackend: true);

        // `cd terraform && terraform apply` in the root, and a stack planned and applied by hand.
        Write("terraform/main.tf", "module \"lake\" {\n  source = \"./modules/lake\"\n}\n");
        Write("terraform/terraform.tfvars", "name_prefix = \"dp-mine\"\n");
        Write("terraform/terraform.tfstate", "{}");
        Write("terraform/.terraform/terraform.tfstate", "{}");
        Write("terraform/stacks/storage/terraform.tfstate.backup", "{}");
        Write("terraform/stacks/storage/.terraform.tfstate.lock.info", "{}");
        Write("terraform/stacks/storage/tfplan", "plan");

        Assert.False(TerraformWorkingCopy.Refresh(_root, copy, localBackend: true), "none of these is stack or module source, so the copy must stay as it is");
        string[] copied = [.. Directory.EnumerateFiles(copy, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(copy, f).Replace('\\', '/')).Order(StringComparer.Ordinal)];
        Assert.Equal(["modules/lake/main.tf", "stacks/storage/backend_override.tf", "stacks/storage/main.tf"], copied);
    }

    [Fact]
    public void Puts_the_repository_s_contracts_beside_the_copy_where_the_stacks_relative_path_leads_and_follows_their_changes()
    {
        var copy = Path.Combine(_root, ".state", "local", "terraform", "src");
        Write("contracts/order.created.json", "{\"properties\":{}}");
        Write("contracts/README.md", "not a contract");
        TerraformWorkingCopy.Refresh(_root, copy, localBackend: true);

        // terraform/stacks/compute/../../../contracts in the repository is contracts/; the same path from the copy's stack:
        var beside = Path.GetFullPath(Path.Combine(copy, "stacks", "compute", "..", "..", "..", "contracts"));
        Assert.Equal(["order.created.json"], Directory.GetFiles(beside).Select(Path.GetFileName));

        File.Delete(Path.Combine(_root, "contracts/order.created.json"));
        Write("contracts/user.signed_up.json", "{\"properties\":{}}");
        Assert.True(TerraformWorkingCopy.Refresh(_root, copy, localBackend: true), "a contract change is a change of the copy");
        Assert.Equal(["user.signed_up.json"], Directory.GetFiles(beside).Select(Path.GetFileName));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
