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

output "environment" {
  description = "The function's environment as deployed (read back from the function): the processor's settings, with a setting left null absent. It carries no secret; only the names the module sets are passed on, so a variable added by hand in the console is not."
  value       = { for name, value in aws_lambda_function.this.environment[0].variables : name => value if contains(concat(["LAKE_BUCKET", "LAKE_PREFIX", "FUNCTION_TIMEOUT_SECONDS"], keys(local.optional_settings)), name) }
}

output "batch_size" {
  description = "Most messages per invocation, as the event source mapping was deployed."
  value       = aws_lambda_event_source_mapping.this.batch_size
}

output "maximum_batching_window_seconds" {
  description = "Longest the event source mapping waits to fill a batch, in seconds, as deployed."
  value       = aws_lambda_event_source_mapping.this.maximum_batching_window_in_seconds
}

output "maximum_concurrency" {
  description = "Most concurrent invocations the event source mapping starts, as deployed."
  value       = aws_lambda_event_source_mapping.this.scaling_config[0].maximum_concurrency
}
