data "aws_caller_identity" "current" {}

# The lake and the ingestion buffer: state that outlives any deploy of the code.
module "data_lake" {
  source = "../../modules/data_lake"

  # Account and region in the name keep it globally unique without a random suffix.
  bucket_name                            = "${var.name_prefix}-lake-${data.aws_caller_identity.current.account_id}-${var.region}"
  kms_key_arn                            = var.kms_key_arn
  noncurrent_version_expiration_days     = var.noncurrent_version_expiration_days
  abort_incomplete_multipart_upload_days = 7
  intelligent_tiering_after_days         = var.intelligent_tiering_after_days
  enforce_tls                            = var.enforce_tls_bucket_policy
}

module "ingest_queue" {
  source = "../../modules/ingest_queue"

  name                             = "${var.name_prefix}-ingest"
  function_timeout_seconds         = var.processor_timeout_seconds
  max_receive_count                = var.max_receive_count
  kms_key_arn                      = var.kms_key_arn
  redrive_allow_policy_enabled     = var.dead_letter_redrive_allow_policy_enabled
  oldest_message_age_alarm_seconds = var.oldest_message_age_alarm_seconds
  alarm_actions                    = local.alarm_actions
}

# The environment's alarm topic: every alarm of every stack notifies it (the
# compute stack gets its ARN as the input alarm_topic_arn), and whoever
# alarm_notification_endpoint names is subscribed to it.
module "alerts" {
  source = "../../modules/alerts"

  name                  = "${var.name_prefix}-alarms"
  notification_endpoint = var.alarm_notification_endpoint
  # The environment's key by default: its key policy lets CloudWatch alarms publish through it.
  kms_key_arn = var.alarm_topic_kms_key_arn != "" ? var.alarm_topic_kms_key_arn : var.kms_key_arn
}

locals {
  # The topic first; any extra ARNs the environment names after it.
  alarm_actions = distinct(concat([module.alerts.topic_arn], var.alarm_actions))
}
