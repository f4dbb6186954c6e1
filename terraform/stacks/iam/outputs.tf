output "processor_role_arn" {
  description = "ARN of the processor's execution role."
  value       = module.processor_iam.role_arn
}

output "processor_role_name" {
  description = "Name of the processor's execution role."
  value       = module.processor_iam.role_name
}
