output "function_name" {
  description = "Name of the function."
  value       = aws_lambda_function.this.function_name
}

output "function_arn" {
  description = "ARN of the function."
  value       = aws_lambda_function.this.arn
}

output "image_uri" {
  description = "Image the function runs, by digest."
  value       = aws_lambda_function.this.image_uri
}

output "log_group_name" {
  description = "Name of the function's log group."
  value       = aws_cloudwatch_log_group.this.name
}

output "log_group_arn" {
  description = "ARN of the function's log group."
  value       = aws_cloudwatch_log_group.this.arn
}

output "event_source_mapping_uuid" {
  description = "UUID of the SQS event source mapping."
  value       = aws_lambda_event_source_mapping.this.uuid
}

output "catalog_database_name" {
  description = "Name of the Glue database over the lake, or an empty string when the catalog is off."
  value       = var.catalog_enabled ? aws_glue_catalog_database.this[0].name : ""
}

output "catalog_table_name" {
  description = "Name of the Glue events table, or an empty string when the catalog is off."
  value       = var.catalog_enabled ? aws_glue_catalog_table.events[0].name : ""
}
