data "aws_partition" "current" {}
data "aws_region" "current" {}
data "aws_caller_identity" "current" {}

locals {
  dead_letter_name           = "${var.name}-dlq"
  visibility_timeout_seconds = var.function_timeout_seconds * var.visibility_timeout_factor
  sse_kms                    = var.kms_key_arn != ""

  # Queue ARNs built from their names (SQS's ARN format) rather than read back
  # from the queues, so that the redrive documents are known at plan time and a
  # reviewer or policy check sees maxReceiveCount in the plan.
  arn_prefix      = "arn:${data.aws_partition.current.partition}:sqs:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}"
  queue_arn       = "${local.arn_prefix}:${var.name}"
  dead_letter_arn = "${local.arn_prefix}:${local.dead_letter_name}"
}

resource "aws_sqs_queue" "dead_letter" {
  name                      = local.dead_letter_name
  message_retention_seconds = var.dead_letter_retention_seconds

  sqs_managed_sse_enabled           = local.sse_kms ? null : true
  kms_master_key_id                 = local.sse_kms ? var.kms_key_arn : null
  kms_data_key_reuse_period_seconds = local.sse_kms ? 300 : null

  tags = var.tags

  lifecycle {
    # Owned by aws_sqs_queue_redrive_allow_policy below; the queue resource must
    # not fight it over the attribute.
    ignore_changes = [redrive_allow_policy]
  }
}

resource "aws_sqs_queue" "this" {
  name                       = var.name
  visibility_timeout_seconds = local.visibility_timeout_seconds
  message_retention_seconds  = var.message_retention_seconds

  # Long polling by default: fewer empty receives for any consumer that does
  # not set its own wait time.
  receive_wait_time_seconds = 20

  sqs_managed_sse_enabled           = local.sse_kms ? null : true
  kms_master_key_id                 = local.sse_kms ? var.kms_key_arn : null
  kms_data_key_reuse_period_seconds = local.sse_kms ? 300 : null

  tags = var.tags

  lifecycle {
    # Owned by aws_sqs_queue_redrive_policy below. Without this the queue's own
    # (computed) copy of the attribute shows whitespace-only drift on emulators
    # that reformat the JSON, and two resources would claim one setting.
    ignore_changes = [redrive_policy]

    precondition {
      condition     = local.visibility_timeout_seconds <= 43200
      error_message = "The visibility timeout (function_timeout_seconds × visibility_timeout_factor = ${local.visibility_timeout_seconds} s) exceeds SQS's maximum of 43200 s. Lower the function timeout or the factor."
    }

    precondition {
      condition     = var.dead_letter_retention_seconds > var.message_retention_seconds
      error_message = "dead_letter_retention_seconds must be longer than message_retention_seconds, or messages expire from the dead-letter queue as soon as they arrive there."
    }
  }
}

# Its own resource rather than the queue's inline redrive_policy: one concern per
# block, and the inline attribute shows whitespace drift on some SQS emulators.
resource "aws_sqs_queue_redrive_policy" "this" {
  queue_url = aws_sqs_queue.this.id

  redrive_policy = jsonencode({
    deadLetterTargetArn = local.dead_letter_arn
    maxReceiveCount     = var.max_receive_count
  })

  depends_on = [aws_sqs_queue.dead_letter]
}

resource "aws_sqs_queue_redrive_allow_policy" "dead_letter" {
  count = var.redrive_allow_policy_enabled ? 1 : 0

  queue_url = aws_sqs_queue.dead_letter.id

  redrive_allow_policy = jsonencode({
    redrivePermission = "byQueue"
    sourceQueueArns   = [local.queue_arn]
  })
}

resource "aws_cloudwatch_metric_alarm" "dead_letter_not_empty" {
  alarm_name        = "${local.dead_letter_name}-not-empty"
  alarm_description = "Messages are in ${local.dead_letter_name}: the processor failed them ${var.max_receive_count} times. Inspect them, fix the cause, then redrive them to ${var.name}."

  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = local.dead_letter_name }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"

  alarm_actions = var.alarm_actions
  ok_actions    = var.alarm_actions

  tags = var.tags

  depends_on = [aws_sqs_queue.dead_letter]
}

resource "aws_cloudwatch_metric_alarm" "oldest_message_age" {
  alarm_name        = "${var.name}-oldest-message-age"
  alarm_description = "The oldest message in ${var.name} is older than ${var.oldest_message_age_alarm_seconds} s: the processor is stopped, throttled or falling behind."

  namespace           = "AWS/SQS"
  metric_name         = "ApproximateAgeOfOldestMessage"
  dimensions          = { QueueName = var.name }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 5
  threshold           = var.oldest_message_age_alarm_seconds
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"

  alarm_actions = var.alarm_actions
  ok_actions    = var.alarm_actions

  tags = var.tags

  depends_on = [aws_sqs_queue.this]
}
