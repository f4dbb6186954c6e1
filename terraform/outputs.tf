# The stacks' outputs by the same names (scripts that read `terraform output -raw lake_bucket`
# work on either path), and next_step: what to do now. An output of the function is null, and
# therefore not shown, until an image is given.

output "next_step" {
  description = "What to do next: without image_uri, how to push the processor's image and apply again with it; with it, how to send an event."
  value       = local.has_image ? local.ready : local.push_image
}

locals {
  registry_host = split("/", module.registry.repository_url)[0]
  image_tag     = "manual-1"

  push_image = <<-EOT
    Everything but the function (and its own alarms) is in place: the repository, the lake, the queues,
    the queue alarms and the function's role. The function needs an image. From the repository's root:

      aws ecr get-login-password --region ${var.region} | docker login --username AWS --password-stdin ${local.registry_host}
      docker buildx build --platform linux/amd64 --provenance=false -f src/Processor/Dockerfile -t ${module.registry.repository_url}:${local.image_tag} --push .
      DIGEST=$(aws ecr describe-images --region ${var.region} --repository-name ${module.registry.repository_name} --image-ids imageTag=${local.image_tag} --query 'imageDetails[0].imageDigest' --output text)

    Then, back in terraform/, apply again with the image by digest (and the same -var/-var-file
    options as this apply):

      terraform apply -var image_uri=${module.registry.repository_url}@$DIGEST

    Tags are immutable in this repository: take a new tag (manual-2, ...) for every image you push.
  EOT

  ready = <<-EOT
    The processor runs ${var.image_uri}. Send an event to the ingest queue:

      aws sqs send-message --region ${var.region} --queue-url ${module.ingest_queue.queue_url} --message-body '{"event_type":"hello.world","occurred_at":"2026-01-01T00:00:00Z","source":"manual"}'

    Its Parquet lands under s3://${module.data_lake.bucket_name}/${var.lake_prefix}events/.
    A new image: push it under a new tag and apply again with its digest as image_uri.
  EOT
}

# As stacks/registry.

output "repository_url" {
  description = "URL of the processor's image repository; push there, then apply with image_uri=<repository_url>@sha256:<digest>."
  value       = module.registry.repository_url
}

output "repository_arn" {
  description = "ARN of the processor's image repository."
  value       = module.registry.repository_arn
}

output "repository_name" {
  description = "Name of the processor's image repository."
  value       = module.registry.repository_name
}

# As stacks/storage.

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

output "kms_key_arn" {
  description = "ARN of the KMS key that encrypts the lake, the queues, the log group and the registry, or an empty string when AWS-managed keys are used."
  value       = local.kms_key_arn
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

# As stacks/iam.

output "processor_role_arn" {
  description = "ARN of the processor's execution role."
  value       = module.processor_iam.role_arn
}

output "processor_role_name" {
  description = "Name of the processor's execution role."
  value       = module.processor_iam.role_name
}

output "processor_role_trusted_principal_arns" {
  description = "Principals besides the Lambda service that may assume the processor's role; empty on AWS."
  value       = module.processor_iam.trusted_principal_arns
}

# As stacks/compute: null (not shown) until image_uri is set.

output "processor_function_name" {
  description = "Name of the processor function."
  value       = one(module.processor[*].function_name)
}

output "processor_function_arn" {
  description = "ARN of the processor function."
  value       = one(module.processor[*].function_arn)
}

output "processor_image_uri" {
  description = "Image the processor runs, by digest."
  value       = one(module.processor[*].image_uri)

  precondition {
    condition     = !local.has_image || startswith(var.image_uri, "${module.registry.repository_url}@")
    error_message = "image_uri (${var.image_uri}) is not in this environment's repository (${module.registry.repository_url}). Push the image there and pass <repository_url>@sha256:<digest>."
  }
}

output "log_group_name" {
  description = "Name of the processor's log group."
  value       = one(module.processor[*].log_group_name)
}

output "event_source_mapping_uuid" {
  description = "UUID of the SQS event source mapping."
  value       = one(module.processor[*].event_source_mapping_uuid)
}

output "catalog_database_name" {
  description = "Glue database over the lake, for Athena; empty when the catalog is off."
  value       = one(module.processor[*].catalog_database_name)
}

output "catalog_table_name" {
  description = "Glue table of events, for Athena; empty when the catalog is off."
  value       = one(module.processor[*].catalog_table_name)
}

output "processor_environment" {
  description = "The function's environment as deployed: the processor's settings (a setting left null is absent, so the processor's default holds). Nothing in it is secret."
  value       = one(module.processor[*].environment)
}

output "processor_batch_size" {
  description = "Most messages per invocation, as the event source mapping was deployed."
  value       = one(module.processor[*].batch_size)
}

output "processor_batching_window_seconds" {
  description = "Longest the event source mapping waits to fill a batch, in seconds, as deployed."
  value       = one(module.processor[*].maximum_batching_window_seconds)
}

output "processor_maximum_concurrency" {
  description = "Most concurrent invocations the event source mapping starts, as deployed."
  value       = one(module.processor[*].maximum_concurrency)
}

output "alarm_topic_arn" {
  description = "ARN of the environment's alarm topic: every alarm notifies it."
  value       = module.alerts.topic_arn
}

output "alarm_names" {
  description = "Names of the function's alarms, by what they watch; each notifies the environment's alarm topic. Null until there is an image."
  value       = one(module.processor_alarms[*].alarm_names)
}

output "event_contracts" {
  description = "The event contracts applied with this deploy (event type => contract text), for the next contract compatibility check."
  value       = local.contracts
}

output "compaction_function_name" {
  description = "Name of the compaction function (the processor's image, compaction handler). Null until there is an image."
  value       = one(module.compaction[*].function_name)
}

output "compaction_schedule_name" {
  description = "Name of the EventBridge Scheduler schedule that runs compaction (group default)."
  value       = one(module.compaction[*].schedule_name)
}

output "compaction_environment" {
  description = "The compaction function's settings as deployed (COMPACTION_*, LAKE_*, FUNCTION_TIMEOUT_SECONDS)."
  value       = one(module.compaction[*].environment)
}

output "compaction_alarm_names" {
  description = "Names of the compaction function's alarms, by what they watch; each notifies the environment's alarm topic."
  value       = one(module.compaction[*].alarm_names)
}

output "compacted_table_name" {
  description = "Glue table of compacted events (every type), for Athena; empty when the catalog is off."
  value       = one(module.compaction[*].compacted_table_name)
}

output "contract_table_names" {
  description = "Glue table of each contracted event type's compacted events with typed columns, by event type."
  value       = one(module.compaction[*].contract_table_names)
}

output "compaction_watermark_table_name" {
  description = "Glue table over the compaction watermark; empty when the catalog is off."
  value       = one(module.compaction[*].watermark_table_name)
}

output "compaction_inputs_table_name" {
  description = "Glue table over the compacted hours' inputs lists; empty when the catalog is off."
  value       = one(module.compaction[*].inputs_table_name)
}
