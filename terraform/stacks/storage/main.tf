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
  alarm_actions                    = var.alarm_actions
}
