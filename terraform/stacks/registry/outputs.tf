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
