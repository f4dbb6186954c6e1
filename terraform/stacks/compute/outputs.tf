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

output "processor_environment" {
  description = "The function's environment as deployed: the processor's settings (a setting left null is absent, so the processor's default holds). Nothing in it is secret. The build's local drain and the local runner read the processor's configuration from it."
  value       = module.processor.environment
}

output "processor_batch_size" {
  description = "Most messages per invocation, as the event source mapping was deployed; the local drain gathers batches of this size."
  value       = module.processor.batch_size
}

output "processor_batching_window_seconds" {
  description = "Longest the event source mapping waits to fill a batch, in seconds, as deployed; the local drain waits as long."
  value       = module.processor.maximum_batching_window_seconds
}

output "processor_maximum_concurrency" {
  description = "Most concurrent invocations the event source mapping starts, as deployed; the local drain runs as many at once."
  value       = module.processor.maximum_concurrency
}

output "alarm_names" {
  description = "Names of the function's alarms, by what they watch; each notifies the environment's alarm topic."
  value       = module.processor_alarms.alarm_names
}

output "event_contracts" {
  description = "The event contracts applied with this deploy (event type => the text of contracts/<event_type>.json, the files the image carries). Plan and Deploy compare the repository's contracts/ with them and stop on a breaking change unless --allow-breaking-contracts."
  value       = local.contracts
}

output "compaction_function_name" {
  description = "Name of the compaction function (the processor's image, compaction handler)."
  value       = module.compaction.function_name
}

output "compaction_schedule_name" {
  description = "Name of the EventBridge Scheduler schedule that runs compaction (group default)."
  value       = module.compaction.schedule_name
}

output "compaction_environment" {
  description = "The compaction function's settings as deployed (COMPACTION_*, LAKE_*, FUNCTION_TIMEOUT_SECONDS); the build's local Compact target can run the engine with them."
  value       = module.compaction.environment
}

output "compaction_alarm_names" {
  description = "Names of the compaction function's alarms, by what they watch; each notifies the environment's alarm topic."
  value       = module.compaction.alarm_names
}

output "compacted_table_name" {
  description = "Glue table of compacted events (every type), for Athena; empty when the catalog is off."
  value       = module.compaction.compacted_table_name
}

output "contract_table_names" {
  description = "Glue table of each contracted event type's compacted events with typed columns, by event type."
  value       = module.compaction.contract_table_names
}

output "compaction_watermark_table_name" {
  description = "Glue table over the compaction watermark; empty when the catalog is off."
  value       = module.compaction.watermark_table_name
}

output "compaction_inputs_table_name" {
  description = "Glue table over the compacted hours' inputs lists; empty when the catalog is off."
  value       = module.compaction.inputs_table_name
}
