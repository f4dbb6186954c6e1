output "oidc_provider_arn" {
  description = "ARN of GitHub's OIDC provider the roles trust (created here or given)."
  value       = local.oidc_provider_arn
}

output "oidc_provider_created" {
  description = "Whether this module created (and so manages) the OIDC provider."
  value       = var.existing_oidc_provider_arn == ""
}

output "deploy_role_arn" {
  description = "ARN of the deploy role (GitHub variable AWS_DEPLOY_ROLE_ARN)."
  value       = aws_iam_role.deploy.arn
}

output "plan_role_arn" {
  description = "ARN of the plan role (GitHub variable AWS_PLAN_ROLE_ARN); empty when plan_role_enabled is false."
  value       = var.plan_role_enabled ? aws_iam_role.plan[0].arn : ""
}

output "deploy_subject" {
  description = "The only token subject the deploy role trusts."
  value       = local.deploy_subject
}

output "plan_subject" {
  description = "The only token subject the plan role trusts; empty without a plan role."
  value       = var.plan_role_enabled ? local.plan_subject : ""
}
