output "alarm_arns" {
  description = "ARNs of the processor's alarms, by what they watch."
  value = {
    events_quarantined = aws_cloudwatch_metric_alarm.events_quarantined.arn
    function_errors    = aws_cloudwatch_metric_alarm.function_errors.arn
    function_throttles = aws_cloudwatch_metric_alarm.function_throttles.arn
  }
}

output "alarm_names" {
  description = "Names of the processor's alarms, by what they watch."
  value = {
    events_quarantined = aws_cloudwatch_metric_alarm.events_quarantined.alarm_name
    function_errors    = aws_cloudwatch_metric_alarm.function_errors.alarm_name
    function_throttles = aws_cloudwatch_metric_alarm.function_throttles.alarm_name
  }
}
