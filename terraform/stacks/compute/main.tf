# The processor function, its event source mapping and the Glue catalog over
# the lake. Applied last, with every upstream stack's outputs as inputs.
module "processor" {
  source = "../../modules/processor"

  function_name = local.processor_function_name
  role_arn      = var.processor_role_arn
  image_uri     = var.image_uri
  image_command = [var.processor_handler]

  memory_size                    = var.processor_memory_size
  timeout_seconds                = var.processor_timeout_seconds
  reserved_concurrent_executions = var.processor_reserved_concurrency

  lake_bucket         = var.lake_bucket
  lake_prefix         = var.lake_prefix
  parquet_compression = var.parquet_compression
  parquet_zstd_level  = var.parquet_zstd_level
  partition_time      = var.partition_time
  max_body_bytes      = var.max_body_bytes
  log_level           = var.log_level
  kms_key_arn         = var.kms_key_arn

  log_retention_days     = var.log_retention_days
  logging_config_enabled = var.function_logging_config_enabled

  queue_arn                        = var.ingest_queue_arn
  queue_visibility_timeout_seconds = var.ingest_queue_visibility_timeout_seconds
  batch_size                       = var.batch_size
  maximum_batching_window_seconds  = var.maximum_batching_window_seconds
  maximum_concurrency              = var.maximum_concurrency
  event_source_mapping_enabled     = var.event_source_mapping_enabled

  catalog_enabled       = var.catalog_enabled
  catalog_database_name = "${replace(var.name_prefix, "-", "_")}_lake"
}

# The function's alarms, notifying the environment's alarm topic (storage
# stack), first, and any extra ARNs the environment names.
module "processor_alarms" {
  source = "../../modules/processor_alarms"

  function_name                = module.processor.function_name
  alarm_actions                = distinct(concat([var.alarm_topic_arn], var.alarm_actions))
  quarantined_events_threshold = var.quarantined_events_alarm_threshold
  function_errors_threshold    = var.function_errors_alarm_threshold
  function_throttles_threshold = var.function_throttles_alarm_threshold
}

# Compaction: the same image with the compaction handler, on an hourly schedule, with its own
# role; its Glue tables join the processor's database. One table per contract in contracts/
# (the repository's, beside terraform/), typed from the contract's properties.
module "compaction" {
  source = "../../modules/compaction"

  function_name = local.compaction_function_name
  image_uri     = var.image_uri
  image_command = [var.compaction_handler]

  memory_size     = var.compaction_memory_size
  timeout_seconds = var.compaction_timeout_seconds

  lake_bucket = var.lake_bucket
  lake_prefix = var.lake_prefix
  kms_key_arn = var.kms_key_arn

  grace_minutes       = var.compaction_grace_minutes
  lookback_hours      = var.compaction_lookback_hours
  raw_retention_hours = var.compaction_raw_retention_hours
  max_hours_per_run   = var.compaction_max_hours_per_run
  schedule_expression = var.compaction_schedule_expression

  log_retention_days     = var.log_retention_days
  logging_config_enabled = var.function_logging_config_enabled
  alarm_actions          = distinct(concat([var.alarm_topic_arn], var.alarm_actions))

  catalog_database_name = module.processor.catalog_database_name
  contracts             = local.contracts

  athena_workgroup       = var.compaction_athena_workgroup
  athena_output_location = var.compaction_athena_output_location
}

locals {
  contracts_directory = "${path.module}/../../../contracts"
  contracts           = { for file in fileset(local.contracts_directory, "*.json") : trimsuffix(file, ".json") => file("${local.contracts_directory}/${file}") }
}
