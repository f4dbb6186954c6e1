using System.Text.Json;
using DataPlatform.Build.Aws;
using DataPlatform.Build.Host;
using DataPlatform.Build.Terraform;
using DataPlatform.Build.Testing;
using DataPlatform.Deployment.Terraform;
using DataPlatform.Emulator;

namespace DataPlatform.Build.Local;

/// <summary>
/// The local deploy role (terraform/stacks/local_identity): the deploy policy document of an AWS
/// account, on a role the enforcing emulator's administrator may assume. Applied as that
/// administrator; every other stack is then applied as the role.
/// </summary>
public static class DeployIdentity
{
    public static Stack Stack { get; } = new("local_identity", []);

    /// <summary>The role's ARN as the stack names it (checked against the stack's output whenever the stack is applied).</summary>
    public static string RoleArn(BuildContext context) =>
        $"arn:aws:iam::{EmulatorCredentials.AccountId}:role/ci/{context.Deployment.Settings.Values["name_prefix"].GetString()}-deploy";

    /// <summary>A hash of the stack and the deploy policy module: kept keys are for the role as this configuration made it.</summary>
    public static string Configuration(BuildContext context)
    {
        var terraform = Path.Combine(context.RepositoryRoot, "terraform");
        var files = new[] { $"stacks/{Stack.Name}", "modules/deploy_policy" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(terraform, folder), "*.tf"))
            .Select(file => Path.GetRelativePath(terraform, file).Replace('\\', '/'));
        return SourceFingerprint.Hash(terraform, files, Stack.Name);
    }

    /// <summary>Brings the stack to its configuration as <paramref name="administrator"/> and returns the role's ARN.</summary>
    public static Task<string> EnsureAsync(BuildContext context, AwsSession administrator, CancellationToken cancellationToken = default) =>
        Task.Run(() => Ensure(context, administrator), cancellationToken);

    /// <summary>The stack's runner as <paramref name="administrator"/>, for the tests that change the role's policy.</summary>
    public static StackRunner Runner(BuildContext context, AwsSession administrator)
    {
        var workspace = new StackWorkspace(context.RepositoryRoot, context.Deployment.Settings, Stack, context.StateDirectory);
        TerraformWorkingCopy.Refresh(context.RepositoryRoot, workspace.WorkingCopy, workspace.UsesLocalState);
        return new StackRunner(
            workspace,
            TerraformCli.Find(),
            administrator.ProcessEnvironment().ToDictionary(kv => kv.Key, kv => (string?)kv.Value),
            new CakeDeploymentLog(context.Log));
    }

    /// <summary>
    /// Removes the role, last of all on Destroy: the other stacks were destroyed by it. As <paramref name="administrator"/>.
    /// </summary>
    public static void Destroy(BuildContext context, AwsSession administrator)
    {
        var runner = Runner(context, administrator);
        runner.Init();
        var plan = runner.Plan(Inputs(runner, administrator), [], destroy: true);
        if (plan.HasChanges)
        {
            context.Log.Information($"Local environment: removing the deploy identity ({Stack.Name} stack, {plan.Summary}) as the emulator's administrator ...");
            runner.Apply();
        }
    }

    private static Dictionary<string, JsonElement> Inputs(StackRunner runner, AwsSession administrator)
    {
        var inputs = runner.Workspace.Environment.StackValues
            .Where(v => runner.DeclaredVariables.Contains(v.Key))
            .ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        inputs["region"] = JsonSerializer.SerializeToElement(administrator.Region);
        inputs["aws_endpoint_url"] = JsonSerializer.SerializeToElement(administrator.Endpoint!.ToString().TrimEnd('/'));
        inputs["administrator_arn"] = JsonSerializer.SerializeToElement($"arn:aws:iam::{EmulatorCredentials.AccountId}:user/{MotoAdminCredentials.UserName}");
        return inputs;
    }

    private static string Ensure(BuildContext context, AwsSession administrator)
    {
        var runner = Runner(context, administrator);
        runner.Init();
        var plan = runner.Plan(Inputs(runner, administrator), []);
        if (plan.HasChanges)
        {
            context.Log.Information($"Local environment: creating the deploy identity ({Stack.Name} stack, {plan.Summary}) as the emulator's administrator ...");
            runner.Apply();
        }

        var outputs = runner.ReadOutputs();
        var arn = outputs.TryGetValue("deploy_role_arn", out var value) ? value.GetString() : null;
        if (arn != RoleArn(context))
        {
            throw new BuildFailedException(
                $"The {Stack.Name} stack made the deploy role {arn ?? "(no output)"}, but the build expects {RoleArn(context)}. " +
                $"terraform/stacks/{Stack.Name} and build/Local/DeployIdentity.cs must name the same role; fix whichever changed.");
        }

        return arn;
    }
}
