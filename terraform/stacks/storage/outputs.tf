output "lake_bucket" {
  description = "Name of the lake bucket."
  value       = module.data_lake.bucket_name
}

output "lake_bucket_arn" {
  description = "ARN of the lake bucket."
  value       = module.data_lake.bucket_arn
}

output "lake_prefix" {
  description = "Key prefix of the lake inside the bucket."
  value       = var.lake_prefix
}

output "ingest_queue_url" {
  description = "URL of the ingest queue: producers send events here."
  value       = module.ingest_queue.queue_url
}

output "ingest_queue_arn" {
  description = "ARN of the ingest queue."
  value       = module.ingest_queue.queue_arn
}

output "ingest_queue_visibility_timeout_seconds" {
  description = "Visibility timeout of the ingest queue in seconds."
  value       = module.ingest_queue.visibility_timeout_seconds
}

output "dead_letter_queue_url" {
  description = "URL of the dead-letter queue."
  value       = module.ingest_queue.dead_letter_queue_url
}

output "dead_letter_queue_arn" {
  description = "ARN of the dead-letter queue."
  value       = module.ingest_queue.dead_letter_queue_arn
}

output "processor_timeout_seconds" {
  description = "Timeout of the processor function the queue was sized for."
  value       = var.processor_timeout_seconds
}

output "alarm_topic_arn" {
  description = "ARN of the environment's alarm topic: every alarm notifies it. Passed on to the compute stack, whose alarms notify it too."
  value       = module.alerts.topic_arn
}
