using System.Diagnostics;
using System.Text.Json;
using DataPlatform.Deployment.Terraform;
using DataPlatform.Emulator;

namespace DataPlatform.Processor.Tests.Integration.Access;

/// <summary>
/// A throwaway Terraform root holding only <c>modules/processor_iam</c>, applied by the real terraform
/// as the emulator's administrator: the role and policy under test are exactly what the iam stack
/// creates, without applying the platform (a full apply costs minutes; this one, seconds).
/// </summary>
public static class ProcessorRoleRoot
{
    public sealed record Inputs(string FunctionName, string QueueArn, string LakeBucketArn, string KmsKeyArn, string TrustedPrincipalArn);

    /// <summary>Applies the module; its role ARN and inline policy document.</summary>
    public static (string RoleArn, string RoleName, string PolicyJson) Apply(string workDirectory, MotoServer moto, Inputs inputs)
    {
        Directory.CreateDirectory(workDirectory);
        var module = Path.Combine(RepositoryRoot(), "terraform", "modules", "processor_iam").Replace('\\', '/');
        File.WriteAllText(Path.Combine(workDirectory, "main.tf"), $$"""
            terraform {
              required_providers {
                aws = { source = "hashicorp/aws", version = "~> 5.100" }
              }
            }

            provider "aws" {
              region                      = "{{EmulatorCredentials.Region}}"
              skip_credentials_validation = true
              skip_requesting_account_id  = true
              skip_metadata_api_check     = true
              endpoints {
                iam = "{{moto.Endpoint.ToString().TrimEnd('/')}}"
                sts = "{{moto.Endpoint.ToString().TrimEnd('/')}}"
              }
            }

            module "processor_iam" {
              source = "{{module}}"

              role_name       = "{{inputs.FunctionName}}-role"
              function_name   = "{{inputs.FunctionName}}"
              queue_arn       = "{{inputs.QueueArn}}"
              lake_bucket_arn = "{{inputs.LakeBucketArn}}"
              kms_key_arn     = "{{inputs.KmsKeyArn}}"

              additional_trusted_principal_arns = ["{{inputs.TrustedPrincipalArn}}"]
            }

            output "role_arn" { value = module.processor_iam.role_arn }
            output "role_name" { value = module.processor_iam.role_name }
            output "policy_json" { value = module.processor_iam.policy_json }
            """);

        var environment = new Dictionary<string, string>(moto.AdminCredentials!.Environment(moto.Endpoint));
        foreach (var (name, value) in TerraformCliConfig.OfflineEnvironment(workDirectory))
        {
            environment[name] = value;
        }

        Terraform(workDirectory, environment, "init", "-input=false", "-no-color");
        Terraform(workDirectory, environment, "apply", "-input=false", "-no-color", "-auto-approve");
        using var outputs = JsonDocument.Parse(Terraform(workDirectory, environment, "output", "-json"));
        string Output(string name) => outputs.RootElement.GetProperty(name).GetProperty("value").GetString()!;
        return (Output("role_arn"), Output("role_name"), Output("policy_json"));
    }

    private static string Terraform(string workDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo("terraform") { WorkingDirectory = workDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var name in EmulatorCredentials.VariablesToClear)
        {
            startInfo.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        startInfo.Environment["TF_IN_AUTOMATION"] = "1";
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("terraform could not be started; put Terraform 1.11 or later on PATH.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return process.ExitCode == 0
            ? output.Result
            : throw new InvalidOperationException($"terraform {arguments[0]} of the processor role's test root failed:\n{error.Result}\n{output.Result}");
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "DataPlatform.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No DataPlatform.slnx above {AppContext.BaseDirectory}: the tests must run from the repository's build output.");
    }
}
