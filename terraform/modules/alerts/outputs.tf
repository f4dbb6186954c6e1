output "topic_arn" {
  description = "ARN of the alarm topic, known at plan time: give it to every alarm's alarm_actions and ok_actions."
  value       = local.topic_arn

  # Consumers of the ARN must wait for the topic itself.
  depends_on = [aws_sns_topic.this]
}

output "topic_name" {
  description = "Name of the alarm topic."
  value       = aws_sns_topic.this.name
}

output "subscription_protocol" {
  description = "Protocol of the topic's subscription (email or https), or an empty string when it has none."
  value       = var.notification_endpoint != "" ? local.subscription_protocol : ""
}
