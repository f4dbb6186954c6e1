output "processor_role_arn" {
  description = "ARN of the processor's execution role."
  value       = module.processor_iam.role_arn
}

output "processor_role_name" {
  description = "Name of the processor's execution role."
  value       = module.processor_iam.role_name
}

output "processor_role_trusted_principal_arns" {
  description = "Principals besides the Lambda service that may assume the processor's role; empty on AWS."
  value       = module.processor_iam.trusted_principal_arns
}
