data "aws_partition" "current" {}
data "aws_region" "current" {}
data "aws_caller_identity" "current" {}

locals {
  log_group_name  = "/aws/lambda/${var.function_name}"
  lake_bucket_arn = "arn:${data.aws_partition.current.partition}:s3:::${var.lake_bucket}"

  # The engine's settings (src/Compaction reads them). Durations are written as the engine reads
  # them (60m, 24h), so the unit travels with the number. A KMS key is named only when there is one, as for the processor.
  environment = merge(
    {
      LAKE_BUCKET              = var.lake_bucket
      LAKE_PREFIX              = var.lake_prefix
      COMPACTION_GRACE         = "${var.grace_minutes}m"
      COMPACTION_LOOKBACK      = "${var.lookback_hours}h"
      COMPACTION_RAW_RETENTION = "${var.raw_retention_hours}h"
      COMPACTION_MAX_HOURS     = tostring(var.max_hours_per_run)
      # Lambda tells a container image nothing of its timeout; the engine stops starting hours
      # before it runs out, so a run never dies halfway through one it could have finished.
      FUNCTION_TIMEOUT_SECONDS = tostring(var.timeout_seconds)
    },
    var.kms_key_arn != "" ? { LAKE_KMS_KEY_ARN = var.kms_key_arn } : {},
    # An hour too big for one function is rewritten by Athena (docs/compaction.md); without a
    # workgroup such an hour stops the run with a sentence saying so, and nothing is lost.
    var.athena_workgroup != "" ? {
      COMPACTION_ATHENA_WORKGROUP = var.athena_workgroup
      COMPACTION_ATHENA_DATABASE  = var.catalog_database_name
    } : {},
    var.athena_workgroup != "" && var.athena_output_location != "" ? { COMPACTION_ATHENA_OUTPUT = var.athena_output_location } : {},
  )
}

# Created before the function, so Terraform owns its retention.
resource "aws_cloudwatch_log_group" "this" {
  name              = local.log_group_name
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn != "" ? var.kms_key_arn : null

  tags = var.tags
}

# The processor's image with another handler: one build, one digest, so the compactor can never
# read a lake written by a different version of the event model than the one it was tested with.
resource "aws_lambda_function" "this" {
  function_name = var.function_name
  description   = "Rewrites closed hours of s3://${var.lake_bucket}/${var.lake_prefix}events/ into deduplicated files of 64 MB and more under ${var.lake_prefix}compacted/events/."
  role          = aws_iam_role.function.arn

  package_type  = "Image"
  image_uri     = var.image_uri
  architectures = [var.architecture]

  image_config {
    command = var.image_command
  }

  memory_size = var.memory_size
  timeout     = var.timeout_seconds
  # One run at a time: the watermark has one writer, and a run that outlasts the schedule's
  # period makes the next one wait (it is retried) instead of compacting the same hour beside it.
  reserved_concurrent_executions = 1

  environment {
    variables = local.environment
  }

  dynamic "logging_config" {
    for_each = var.logging_config_enabled ? [local.log_group_name] : []

    content {
      log_format            = "JSON"
      log_group             = logging_config.value
      application_log_level = "INFO"
      system_log_level      = "WARN"
    }
  }

  tags = var.tags

  depends_on = [aws_cloudwatch_log_group.this]
}

# A failed run leaves the lake as it was (the watermark moves only after an hour is complete) and
# the next run starts from the same hour, so any error is worth a look but none loses data.
resource "aws_cloudwatch_metric_alarm" "errors" {
  alarm_name        = "${var.function_name}-errors"
  alarm_description = "${var.function_name} failed more than ${var.errors_alarm_threshold} runs in ${var.alarm_period_seconds} s (an exception, a timeout or out of memory): closed hours stay uncompacted and raw files stay in place until a run succeeds; readers still see every event once. See docs/alarms.md."

  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  dimensions          = { FunctionName = aws_lambda_function.this.function_name }
  statistic           = "Sum"
  period              = var.alarm_period_seconds
  evaluation_periods  = 1
  threshold           = var.errors_alarm_threshold
  comparison_operator = "GreaterThanThreshold"
  # The function runs only on its schedule: no data is no run, not a failure.
  treat_missing_data = "notBreaching"

  alarm_actions = var.alarm_actions
  ok_actions    = var.alarm_actions

  tags = var.tags
}
