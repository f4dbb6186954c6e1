using DataPlatform.Emulator;
using DataPlatform.Infrastructure.Tests.Terraform;

namespace DataPlatform.Infrastructure.Tests.PlanRole;

/// <summary>
/// The two throwaway Terraform roots of the plan-role probe: the identities (both CI roles with the documents of
/// <c>modules/deploy_policy</c>, trusted by the emulator's administrator so the test can assume them as the CI's
/// OIDC would), and a target that stands in for a stack: one queue, its state in the environment's state bucket
/// under the key a stack's state has.
/// </summary>
public static class ProbeRoots
{
    public const string NamePrefix = "dp-probe";
    public const string StateBucket = NamePrefix + "-terraform-state";

    /// <summary>A stack the policy names (storage), under the environment's key prefix, as the build keys its state.</summary>
    public const string StateKey = "probe/storage.tfstate";

    public const string QueueName = NamePrefix + "-ingest";

    public static void WriteIdentities(string directory, Uri endpoint, string administratorArn)
    {
        Directory.CreateDirectory(directory);
        var module = Path.Combine(RepositoryLayout.Root, "terraform", "modules", "deploy_policy").Replace('\\', '/');
        File.WriteAllText(Path.Combine(directory, "main.tf"), Provider(endpoint) + $$"""

            module "deploy_policy" {
              source = "{{module}}"

              name_prefix      = "{{NamePrefix}}"
              state_bucket     = "{{StateBucket}}"
              state_key_prefix = "probe/"
              region           = "{{EmulatorCredentials.Region}}"
              account_id       = "{{EmulatorCredentials.AccountId}}"
            }

            locals {
              trust = jsonencode({
                Version   = "2012-10-17"
                Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "{{administratorArn}}" } }]
              })
              documents = {
                plan   = module.deploy_policy.plan_policy_json
                deploy = module.deploy_policy.deploy_policy_json
              }
            }

            resource "aws_iam_role" "ci" {
              for_each           = local.documents
              name               = "{{NamePrefix}}-github-${each.key}"
              path               = "/ci/"
              assume_role_policy = local.trust
            }

            resource "aws_iam_role_policy" "ci" {
              for_each = local.documents
              name     = each.key
              role     = aws_iam_role.ci[each.key].name
              policy   = each.value
            }

            output "plan_role_arn" { value = aws_iam_role.ci["plan"].arn }
            output "deploy_role_arn" { value = aws_iam_role.ci["deploy"].arn }
            """);
    }

    /// <summary>The stand-in stack: a queue whose visibility timeout is a variable, so a second apply has a change to make.</summary>
    public static void WriteTarget(string directory, Uri endpoint)
    {
        Directory.CreateDirectory(directory);
        var url = endpoint.ToString().TrimEnd('/');
        File.WriteAllText(Path.Combine(directory, "main.tf"), Provider(endpoint, backend: $$"""
              backend "s3" {
                bucket                      = "{{StateBucket}}"
                key                         = "{{StateKey}}"
                region                      = "{{EmulatorCredentials.Region}}"
                use_lockfile                = true
                use_path_style              = true
                skip_credentials_validation = true
                skip_requesting_account_id  = true
                skip_metadata_api_check     = true
                skip_region_validation      = true
                endpoints = { s3 = "{{url}}", sts = "{{url}}", iam = "{{url}}" }
              }
            """) + $$"""

            variable "visibility_timeout_seconds" {
              type    = number
              default = 30
            }

            resource "aws_sqs_queue" "ingest" {
              name                       = "{{QueueName}}"
              visibility_timeout_seconds = var.visibility_timeout_seconds
            }
            """);
    }

    private static string Provider(Uri endpoint, string backend = "")
    {
        var url = endpoint.ToString().TrimEnd('/');
        return $$"""
            terraform {
              required_providers {
                aws = { source = "hashicorp/aws", version = "~> 5.100" }
              }
            {{backend}}
            }

            provider "aws" {
              region                      = "{{EmulatorCredentials.Region}}"
              skip_credentials_validation = true
              skip_requesting_account_id  = true
              skip_metadata_api_check     = true
              s3_use_path_style           = true
              endpoints {
                iam = "{{url}}"
                sqs = "{{url}}"
                s3  = "{{url}}"
                sts = "{{url}}"
              }
            }
            """;
    }
}
