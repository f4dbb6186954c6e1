output "deploy_role_arn" {
  description = "Set as the GitHub variable AWS_DEPLOY_ROLE_ARN (of the GitHub environment the deploy job names)."
  value       = module.ci_roles.deploy_role_arn
}

output "plan_role_arn" {
  description = "Set as the GitHub repository variable AWS_PLAN_ROLE_ARN; empty when plan_role_enabled is false."
  value       = module.ci_roles.plan_role_arn
}

output "deploy_subject" {
  description = "The only OIDC subject the deploy role trusts (repo:<owner>/<name>:environment:<env>)."
  value       = module.ci_roles.deploy_subject
}

output "plan_subject" {
  description = "The only OIDC subject the plan role trusts (repo:<owner>/<name>:pull_request)."
  value       = module.ci_roles.plan_subject
}

output "oidc_provider_arn" {
  description = "GitHub's OIDC provider in this account."
  value       = module.ci_roles.oidc_provider_arn
}

output "oidc_provider_created" {
  description = "Whether this stack manages the OIDC provider (false: it was given as existing_oidc_provider_arn)."
  value       = module.ci_roles.oidc_provider_created
}

output "deploy_actions" {
  description = "Every action the deploy role may take (docs/access.md explains each)."
  value       = module.deploy_policy.deploy_actions
}

output "plan_actions" {
  description = "Every action the plan role may take."
  value       = module.deploy_policy.plan_actions
}
