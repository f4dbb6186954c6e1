output "queue_url" {
  description = "URL of the ingest queue."
  value       = aws_sqs_queue.this.url
}

output "queue_arn" {
  description = "ARN of the ingest queue."
  value       = aws_sqs_queue.this.arn
}

output "queue_name" {
  description = "Name of the ingest queue."
  value       = aws_sqs_queue.this.name
}

output "visibility_timeout_seconds" {
  description = "Visibility timeout of the ingest queue in seconds (function timeout × factor)."
  value       = aws_sqs_queue.this.visibility_timeout_seconds
}

output "dead_letter_queue_url" {
  description = "URL of the dead-letter queue."
  value       = aws_sqs_queue.dead_letter.url
}

output "dead_letter_queue_arn" {
  description = "ARN of the dead-letter queue."
  value       = aws_sqs_queue.dead_letter.arn
}

output "dead_letter_queue_name" {
  description = "Name of the dead-letter queue."
  value       = aws_sqs_queue.dead_letter.name
}

output "max_receive_count" {
  description = "Receives after which a message moves to the dead-letter queue."
  value       = var.max_receive_count
}

output "alarm_arns" {
  description = "ARNs of the dead-letter depth and oldest-message-age alarms."
  value = {
    dead_letter_not_empty = aws_cloudwatch_metric_alarm.dead_letter_not_empty.arn
    oldest_message_age    = aws_cloudwatch_metric_alarm.oldest_message_age.arn
  }
}
