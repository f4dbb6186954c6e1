locals {
  # Where the processor publishes its own metrics (CloudWatch Embedded Metric
  # Format in its log lines); pinned by Infrastructure.Tests to what
  # src/Processor/Telemetry/EmbeddedMetrics.cs writes, so a rename there cannot
  # leave an alarm watching a metric that no longer exists.
  processor_namespace = "DataPlatform/Processor"

  function_dimensions = { FunctionName = var.function_name }
}

# Every alarm below treats missing data as not breaching: each metric is only
# published when the function runs (Lambda's Errors and Throttles, and the
# processor's own EventsQuarantined, one datapoint per batch), so an idle
# pipeline has no data, and no data means nothing failed. A stopped pipeline is
# caught by the ingest queue's oldest-message-age alarm instead.

resource "aws_cloudwatch_metric_alarm" "events_quarantined" {
  alarm_name        = "${var.function_name}-events-quarantined"
  alarm_description = "More than ${var.quarantined_events_threshold} events were quarantined in ${var.period_seconds} s: producers are sending input the processor cannot read. It is kept under quarantine/ in the lake, not in events/. See docs/alarms.md."

  namespace           = local.processor_namespace
  metric_name         = "EventsQuarantined"
  dimensions          = local.function_dimensions
  statistic           = "Sum"
  period              = var.period_seconds
  evaluation_periods  = 1
  threshold           = var.quarantined_events_threshold
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"

  alarm_actions = var.alarm_actions
  ok_actions    = var.alarm_actions

  tags = var.tags
}

resource "aws_cloudwatch_metric_alarm" "function_errors" {
  alarm_name        = "${var.function_name}-errors"
  alarm_description = "${var.function_name} failed more than ${var.function_errors_threshold} invocations in ${var.period_seconds} s (an exception or a timeout): the whole batch goes back to the queue. See docs/alarms.md."

  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  dimensions          = local.function_dimensions
  statistic           = "Sum"
  period              = var.period_seconds
  evaluation_periods  = 1
  threshold           = var.function_errors_threshold
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"

  alarm_actions = var.alarm_actions
  ok_actions    = var.alarm_actions

  tags = var.tags
}

resource "aws_cloudwatch_metric_alarm" "function_throttles" {
  alarm_name        = "${var.function_name}-throttles"
  alarm_description = "${var.function_name} was throttled more than ${var.function_throttles_threshold} times in ${var.period_seconds} s: something else uses its reserved concurrency, or the mapping's maximum concurrency exceeds it. See docs/alarms.md."

  namespace           = "AWS/Lambda"
  metric_name         = "Throttles"
  dimensions          = local.function_dimensions
  statistic           = "Sum"
  period              = var.period_seconds
  evaluation_periods  = 1
  threshold           = var.function_throttles_threshold
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"

  alarm_actions = var.alarm_actions
  ok_actions    = var.alarm_actions

  tags = var.tags
}
