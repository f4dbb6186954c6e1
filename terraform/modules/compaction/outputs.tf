output "function_name" {
  description = "Name of the compaction function."
  value       = aws_lambda_function.this.function_name
}

output "function_arn" {
  description = "ARN of the compaction function."
  value       = aws_lambda_function.this.arn
}

output "role_arn" {
  description = "ARN of the compaction function's execution role."
  value       = aws_iam_role.function.arn
}

output "log_group_name" {
  description = "Name of the compaction function's log group."
  value       = aws_cloudwatch_log_group.this.name
}

output "schedule_name" {
  description = "Name of the EventBridge Scheduler schedule that runs the function (group default)."
  value       = aws_scheduler_schedule.this.name
}

output "environment" {
  description = "The function's environment as deployed: the compaction settings. Nothing in it is secret."
  value       = { for name, value in aws_lambda_function.this.environment[0].variables : name => value if contains(keys(local.environment), name) }
}

output "alarm_names" {
  description = "Names of the function's alarms, by what they watch."
  value = {
    compaction_errors = aws_cloudwatch_metric_alarm.errors.alarm_name
  }
}

output "compacted_table_name" {
  description = "Glue table of compacted events of every type, or an empty string without a catalog."
  value       = local.catalog_enabled ? aws_glue_catalog_table.compacted[0].name : ""
}

output "contract_table_names" {
  description = "Glue table of each contracted event type's compacted events with typed columns, by event type."
  value       = { for event_type, table in aws_glue_catalog_table.typed : event_type => table.name }
}

output "watermark_table_name" {
  description = "Glue table over the compaction watermark, or an empty string without a catalog."
  value       = local.catalog_enabled ? aws_glue_catalog_table.watermark[0].name : ""
}

output "inputs_table_name" {
  description = "Glue table over the compacted hours' inputs lists, or an empty string without a catalog."
  value       = local.catalog_enabled ? aws_glue_catalog_table.inputs[0].name : ""
}
