# Hourly by default, a quarter past: with the default grace of an hour, the hour that ended 75
# minutes ago is closed by then. The run is idempotent, so a retried or doubled invocation
# converges on the same files.
resource "aws_scheduler_schedule" "this" {
  name        = var.function_name
  description = "Runs ${var.function_name} over the closed hours of the lake."
  group_name  = "default"

  schedule_expression          = var.schedule_expression
  schedule_expression_timezone = "UTC"
  state                        = var.schedule_enabled ? "ENABLED" : "DISABLED"

  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = local.function_arn
    role_arn = aws_iam_role.schedule.arn
    input    = jsonencode({ source = "schedule" })

    # A run missed for an hour is caught up by the next one (it starts at the watermark).
    retry_policy {
      maximum_event_age_in_seconds = 3600
      maximum_retry_attempts       = 2
    }
  }

  depends_on = [aws_lambda_function.this, aws_iam_role_policy.schedule]
}
