# The whole platform in one state: the same modules, names and settings as the build's four
# stacks (stacks/registry, storage, iam, compute) produce for an environment. Each module is one
# block here, wired to the others directly where the stacks pass outputs on as inputs; a module
# added to a stack is added here as one block too (Infrastructure.Tests compares the two).

data "aws_caller_identity" "current" {}

# As stacks/registry: the environment's key when it asks for one (prod), then the repository.
module "encryption_key" {
  source = "./modules/encryption_key"
  count  = var.create_kms_key ? 1 : 0

  alias           = var.name_prefix
  log_group_names = ["/aws/lambda/${local.processor_function_name}", "/aws/lambda/${local.compaction_function_name}"]
}

# First in the stacks because the image must be pushed before the function can name it by
# digest; here the first apply (without image_uri) creates it.
module "registry" {
  source = "./modules/registry"

  name                           = "${var.name_prefix}-processor"
  kms_key_arn                    = local.kms_key_arn
  max_image_count                = var.max_image_count
  untagged_image_expiration_days = var.untagged_image_expiration_days
  force_delete                   = var.registry_force_delete
}

# As stacks/storage.
module "data_lake" {
  source = "./modules/data_lake"

  # Account and region in the name keep it globally unique without a random suffix.
  bucket_name                            = "${var.name_prefix}-lake-${data.aws_caller_identity.current.account_id}-${var.region}"
  kms_key_arn                            = local.kms_key_arn
  noncurrent_version_expiration_days     = var.noncurrent_version_expiration_days
  abort_incomplete_multipart_upload_days = 7
  intelligent_tiering_after_days         = var.intelligent_tiering_after_days
  enforce_tls                            = var.enforce_tls_bucket_policy
}

module "ingest_queue" {
  source = "./modules/ingest_queue"

  name                             = "${var.name_prefix}-ingest"
  function_timeout_seconds         = var.processor_timeout_seconds
  max_receive_count                = var.max_receive_count
  kms_key_arn                      = local.kms_key_arn
  redrive_allow_policy_enabled     = var.dead_letter_redrive_allow_policy_enabled
  oldest_message_age_alarm_seconds = var.oldest_message_age_alarm_seconds
  alarm_actions                    = local.alarm_actions
}

module "alerts" {
  source = "./modules/alerts"

  name                  = "${var.name_prefix}-alarms"
  notification_endpoint = var.alarm_notification_endpoint
  # The environment's key by default: its key policy lets CloudWatch alarms publish through it.
  kms_key_arn = var.alarm_topic_kms_key_arn != "" ? var.alarm_topic_kms_key_arn : local.kms_key_arn
}

# As stacks/iam. The role does not need the function, so it exists before the image does.
module "processor_iam" {
  source = "./modules/processor_iam"

  role_name       = "${local.processor_function_name}-role"
  function_name   = local.processor_function_name
  queue_arn       = module.ingest_queue.queue_arn
  lake_bucket_arn = module.data_lake.bucket_arn
  lake_prefix     = var.lake_prefix
  kms_key_arn     = local.kms_key_arn

  additional_trusted_principal_arns = var.processor_role_trusted_principal_arns
}

# As stacks/compute, once there is an image: a function needs one to exist, and the log group
# and the Glue catalog over the lake come with it (they live in the same module).
module "processor" {
  source = "./modules/processor"
  count  = local.has_image ? 1 : 0

  function_name = local.processor_function_name
  role_arn      = module.processor_iam.role_arn
  image_uri     = var.image_uri
  image_command = [var.processor_handler]

  memory_size                    = var.processor_memory_size
  timeout_seconds                = var.processor_timeout_seconds
  reserved_concurrent_executions = var.processor_reserved_concurrency

  kms_key_arn         = local.kms_key_arn
  lake_bucket         = module.data_lake.bucket_name
  lake_prefix         = var.lake_prefix
  parquet_compression = var.parquet_compression
  parquet_zstd_level  = var.parquet_zstd_level
  partition_time      = var.partition_time
  max_body_bytes      = var.max_body_bytes
  log_level           = var.log_level

  log_retention_days     = var.log_retention_days
  logging_config_enabled = var.function_logging_config_enabled

  queue_arn                        = module.ingest_queue.queue_arn
  queue_visibility_timeout_seconds = module.ingest_queue.visibility_timeout_seconds
  batch_size                       = var.batch_size
  maximum_batching_window_seconds  = var.maximum_batching_window_seconds
  maximum_concurrency              = var.maximum_concurrency
  event_source_mapping_enabled     = var.event_source_mapping_enabled

  catalog_enabled       = var.catalog_enabled
  catalog_database_name = "${replace(var.name_prefix, "-", "_")}_lake"
}

# As stacks/compute: the function's alarms come and go with it.
module "processor_alarms" {
  source = "./modules/processor_alarms"
  count  = local.has_image ? 1 : 0

  function_name                = module.processor[0].function_name
  alarm_actions                = local.alarm_actions
  quarantined_events_threshold = var.quarantined_events_alarm_threshold
  function_errors_threshold    = var.function_errors_alarm_threshold
  function_throttles_threshold = var.function_throttles_alarm_threshold
}

# As stacks/compute: compaction runs from the processor's image, so it comes with the image too.
module "compaction" {
  source = "./modules/compaction"
  count  = local.has_image ? 1 : 0

  function_name = local.compaction_function_name
  image_uri     = var.image_uri
  image_command = [var.compaction_handler]

  memory_size     = var.compaction_memory_size
  timeout_seconds = var.compaction_timeout_seconds

  lake_bucket = module.data_lake.bucket_name
  lake_prefix = var.lake_prefix
  kms_key_arn = local.kms_key_arn

  grace_minutes       = var.compaction_grace_minutes
  lookback_hours      = var.compaction_lookback_hours
  raw_retention_hours = var.compaction_raw_retention_hours
  max_hours_per_run   = var.compaction_max_hours_per_run
  schedule_expression = var.compaction_schedule_expression

  log_retention_days     = var.log_retention_days
  logging_config_enabled = var.function_logging_config_enabled
  alarm_actions          = local.alarm_actions

  catalog_database_name = module.processor[0].catalog_database_name
  contracts             = local.contracts

  athena_workgroup       = var.compaction_athena_workgroup
  athena_output_location = var.compaction_athena_output_location
}

locals {
  # The repository's contracts/, beside terraform/: one typed Glue table per file.
  contracts_directory = "${path.module}/../contracts"
  contracts           = { for file in fileset(local.contracts_directory, "*.json") : trimsuffix(file, ".json") => file("${local.contracts_directory}/${file}") }
}

locals {
  # The one key of the environment: the kit's, a given one, or none ("").
  kms_key_arn = var.create_kms_key ? module.encryption_key[0].key_arn : var.existing_kms_key_arn
  has_image   = var.image_uri != ""
  # The topic first; any extra ARNs the environment names after it.
  alarm_actions = distinct(concat([module.alerts.topic_arn], var.alarm_actions))
}
