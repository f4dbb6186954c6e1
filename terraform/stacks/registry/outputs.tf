output "repository_url" {
  description = "URL of the processor's image repository; push there, then pass <repository_url>@sha256:<digest> to the compute stack as image_uri."
  value       = module.registry.repository_url
}

output "repository_arn" {
  description = "ARN of the processor's image repository."
  value       = module.registry.repository_arn
}

output "repository_name" {
  description = "Name of the processor's image repository."
  value       = module.registry.repository_name
}

output "kms_key_arn" {
  description = "ARN of the KMS key that encrypts every store of the environment (the kit's key or the one given), or an empty string when AWS-managed keys are used. Input of the storage, iam and compute stacks by the same name."
  value       = local.kms_key_arn
}
