output "processor_function_name" {
  description = "Name of the processor function."
  value       = module.processor.function_name
}

output "processor_function_arn" {
  description = "ARN of the processor function."
  value       = module.processor.function_arn
}

output "processor_image_uri" {
  description = "Image the processor runs, by digest."
  value       = module.processor.image_uri

  precondition {
    condition     = startswith(var.image_uri, "${var.repository_url}@")
    error_message = "image_uri (${var.image_uri}) is not in the registry stack's repository (${var.repository_url}). Push the image there and pass <repository_url>@sha256:<digest>."
  }
}

output "log_group_name" {
  description = "Name of the processor's log group."
  value       = module.processor.log_group_name
}

output "event_source_mapping_uuid" {
  description = "UUID of the SQS event source mapping."
  value       = module.processor.event_source_mapping_uuid
}

output "catalog_database_name" {
  description = "Glue database over the lake, for Athena; empty when the catalog is off."
  value       = module.processor.catalog_database_name
}

output "catalog_table_name" {
  description = "Glue table of events, for Athena; empty when the catalog is off."
  value       = module.processor.catalog_table_name
}
