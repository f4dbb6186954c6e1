output "deploy_role_arn" {
  description = "ARN of the local deploy role; the build assumes it to apply the stacks."
  value       = aws_iam_role.deploy.arn
}

output "deploy_policy_json" {
  description = "The deploy role's policy (the deploy_policy module's document), for the tests that remove its actions one at a time."
  value       = module.deploy_policy.deploy_policy_json
}
