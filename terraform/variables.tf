# The environment: the same variables and checks as the stacks' environment.tf. Unlike the
# stacks (which the build always feeds an environment file), this root has defaults, so that
# `terraform plan` alone works: a "sandbox" environment whose names (dp-sandbox-…) no file in
# environments/ uses. Pass -var-file=environments/<env>.tfvars for one of the kit's environments,
# but never for one the build also deploys (see README.md).

variable "environment" {
  description = "Name of the environment: 2 to 16 characters of lowercase letters, digits and hyphens, starting with a letter (local, dev, prod, …)."
  type        = string
  default     = "sandbox"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,15}$", var.environment))
    error_message = "environment must be 2 to 16 characters of lowercase letters, digits and hyphens, starting with a letter."
  }
}

variable "region" {
  description = "AWS region of every resource, for example eu-west-1."
  type        = string
  default     = "eu-west-1"

  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", var.region))
    error_message = "region must be an AWS region name such as eu-west-1."
  }
}

variable "name_prefix" {
  description = "Prefix of every resource name: 2 to 24 characters of lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen. Different per environment so environments can share an account."
  type        = string
  default     = "dp-sandbox"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,22}[a-z0-9]$", var.name_prefix))
    error_message = "name_prefix must be 2 to 24 characters of lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen."
  }
}

variable "aws_endpoint_url" {
  description = "Endpoint of an AWS emulator (for example http://127.0.0.1:5000 for moto) that every service is sent to. Empty string means real AWS."
  type        = string
  default     = ""

  validation {
    condition     = var.aws_endpoint_url == "" || can(regex("^https?://[^/\\s]+/?$", var.aws_endpoint_url))
    error_message = "aws_endpoint_url must be empty (real AWS) or an http(s) URL with no path, such as http://127.0.0.1:5000."
  }
}

variable "tags" {
  description = "Tags added to every resource through the provider's default tags, on top of Project, Environment, Stack and ManagedBy."
  type        = map(string)
  default     = {}
}

# The image. Unset on the first apply: everything but the function and what only it needs is
# created, and the output next_step says how to push an image and apply again with it.

variable "image_uri" {
  description = "The processor image by digest, <repository_url>@sha256:<64 hex digits>, pushed into this environment's repository (output repository_url). Empty string (the default) means no image yet: the function, its log group, its event source mapping and the Glue catalog are not created."
  type        = string
  default     = ""

  validation {
    condition     = var.image_uri == "" || can(regex("^[a-z0-9.-]+(:[0-9]+)?/[a-z0-9._/-]+@sha256:[0-9a-f]{64}$", var.image_uri))
    error_message = "image_uri must reference the image by digest: <repository_url>@sha256:<64 lowercase hex digits>. Tags are not accepted, so that every new image is a visible change. Leave it empty to create everything but the function."
  }
}

# The registry (as the registry stack).

variable "create_kms_key" {
  description = "Create the platform's customer-managed KMS key (rotated, with an alias and a key policy for CloudWatch Logs and alarms) and encrypt the lake, both queues, the function's log group and the registry with it. false with existing_kms_key_arn empty means AWS-managed keys. The repository's encryption is fixed at creation: changing this later replaces the repository."
  type        = bool
  default     = false
}

variable "existing_kms_key_arn" {
  description = "ARN of a KMS key you manage yourself, used for every store instead of the kit's key. Empty string means none. Its key policy must let CloudWatch Logs (logs.<region>.amazonaws.com) use it for the function's log group. Not together with create_kms_key."
  type        = string
  default     = ""

  validation {
    condition     = var.existing_kms_key_arn == "" || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", var.existing_kms_key_arn))
    error_message = "existing_kms_key_arn must be empty or a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>); an alias is not accepted, because SQS, S3 and the IAM grant need the key itself."
  }

  validation {
    condition     = var.existing_kms_key_arn == "" || !var.create_kms_key
    error_message = "Set either create_kms_key = true (the kit creates the key) or existing_kms_key_arn (your own key), not both."
  }
}

variable "max_image_count" {
  description = "Images kept in the repository. An integer from 1 to 1000."
  type        = number
  default     = 30
}

variable "untagged_image_expiration_days" {
  description = "Days after which untagged images expire. An integer from 1 to 3650."
  type        = number
  default     = 14
}

variable "registry_force_delete" {
  description = "Let a destroy delete the repository while it still holds images."
  type        = bool
  default     = false
}

# The lake and the queues (as the storage stack).

variable "processor_timeout_seconds" {
  description = "Timeout of the processor function in seconds. The ingest queue's visibility timeout is 6 times this. An integer from 1 to 900."
  type        = number
  default     = 60
}

variable "lake_prefix" {
  description = "Key prefix of the lake inside the bucket: empty, or ending in \"/\"."
  type        = string
  default     = ""

  validation {
    condition     = var.lake_prefix == "" || can(regex("^[A-Za-z0-9!_.*'()-]+(/[A-Za-z0-9!_.*'()-]+)*/$", var.lake_prefix))
    error_message = "lake_prefix must be empty or path segments ending in \"/\" (for example \"lake/\"), without a leading \"/\"."
  }
}

variable "noncurrent_version_expiration_days" {
  description = "Days a noncurrent lake object version is kept. An integer from 1 to 3650."
  type        = number
  default     = 30
}

variable "intelligent_tiering_after_days" {
  description = "Days after which lake objects move to Intelligent-Tiering; 0 turns it off."
  type        = number
  default     = 0
}

variable "max_receive_count" {
  description = "Receives after which a message moves to the dead-letter queue. An integer from 5 to 1000."
  type        = number
  default     = 5
}

variable "oldest_message_age_alarm_seconds" {
  description = "Alarm when the oldest ingest message is older than this, in seconds."
  type        = number
  default     = 900
}

variable "alarm_actions" {
  description = "ARNs notified when a queue alarm changes state."
  type        = list(string)
  default     = []
}

# The function and its mapping (as the compute stack). Null means the default, stated once
# in modules/processor or in the processor's own settings.

variable "processor_handler" {
  description = "The .NET handler string Assembly::Namespace.Class::Method, set as the image's command."
  type        = string
  default     = "Processor::DataPlatform.Processor.Function::Handle"
}

variable "processor_memory_size" {
  description = "Memory of the function in MB. An integer from 128 to 10240. Null means modules/processor's default (1024)."
  type        = number
  default     = null
}

variable "processor_reserved_concurrency" {
  description = "Concurrency reserved for the function. An integer from 1 to 1000. Null means modules/processor's default (10)."
  type        = number
  default     = null
}

variable "parquet_compression" {
  description = "Parquet compression codec (PARQUET_COMPRESSION): \"zstd\" or \"snappy\". Null means the processor's default (zstd)."
  type        = string
  default     = null
}

variable "parquet_zstd_level" {
  description = "Zstd level (PARQUET_ZSTD_LEVEL): an integer from 1 to 22. Null means the processor's default (3)."
  type        = number
  default     = null
}

variable "partition_time" {
  description = "Partition by \"ingestion\" or \"event\" time (PARTITION_TIME). Null means the processor's default (ingestion)."
  type        = string
  default     = null
}

variable "max_body_bytes" {
  description = "Largest message body accepted (MAX_BODY_BYTES); larger ones are quarantined. An integer from 64 to 262144. Null means the processor's default (262144)."
  type        = number
  default     = null
}

variable "log_level" {
  description = "Lowest log level (LOG_LEVEL): TRACE, DEBUG, INFO, WARN, ERROR or FATAL. Null means the processor's default (Information)."
  type        = string
  default     = null
}

variable "log_retention_days" {
  description = "Days the function's logs are kept (a CloudWatch Logs retention value)."
  type        = number
  default     = 30
}

variable "batch_size" {
  description = "Most messages per invocation. An integer from 1 to 10000. Null means modules/processor's default (10000)."
  type        = number
  default     = null
}

variable "maximum_batching_window_seconds" {
  description = "Longest the mapping waits to fill a batch, in seconds. An integer from 0 to 300. Null means modules/processor's default (60)."
  type        = number
  default     = null
}

variable "maximum_concurrency" {
  description = "Most concurrent invocations the mapping starts. An integer from 2 to 1000, at most processor_reserved_concurrency. Null means modules/processor's default (5)."
  type        = number
  default     = null
}

variable "catalog_enabled" {
  description = "Create the Glue database and events table over the lake for Athena."
  type        = bool
  default     = true
}

variable "alarm_notification_endpoint" {
  description = "Who hears the alarms: an email address (confirm the subscription from the email AWS sends) or an https:// URL that confirms SNS subscriptions itself. Empty string means nobody is subscribed to the alarm topic."
  type        = string
  default     = ""
}

variable "alarm_topic_kms_key_arn" {
  description = "ARN of a customer managed KMS key for the alarm topic; its key policy must let cloudwatch.amazonaws.com use it (kms:GenerateDataKey*, kms:Decrypt), or alarms reach nobody. Empty string means the environment's key when it has one, else no encryption at rest."
  type        = string
  default     = ""
}

variable "function_errors_alarm_threshold" {
  description = "Alarm when more invocations than this fail in 5 minutes. An integer of at least 0. Null means modules/processor_alarms' default (0: any)."
  type        = number
  default     = null
}

variable "function_throttles_alarm_threshold" {
  description = "Alarm when the function is throttled more times than this in 5 minutes. An integer of at least 0. Null means modules/processor_alarms' default (0: any)."
  type        = number
  default     = null
}

variable "quarantined_events_alarm_threshold" {
  description = "Alarm when more events than this are quarantined in 5 minutes. An integer of at least 0. Null means modules/processor_alarms' default (0: any)."
  type        = number
  default     = null
}

# Compaction (modules/compaction), as in stacks/compute. Null means that module's default.

variable "compaction_handler" {
  description = "The compaction handler in the processor's image, Assembly::Namespace.Class::Method, set as the compaction function's command."
  type        = string
  default     = "Processor::DataPlatform.Processor.CompactionFunction::Handle"
}

variable "compaction_memory_size" {
  description = "Memory of the compaction function in MB, an integer from 512 to 10240. Null means modules/compaction's default (3008: one type's hour up to about 1,000 events/s in memory)."
  type        = number
  default     = null
}

variable "compaction_timeout_seconds" {
  description = "Timeout of one compaction run in seconds, an integer from 60 to 900. Null means modules/compaction's default (900)."
  type        = number
  default     = null
}

variable "compaction_grace_minutes" {
  description = "Minutes after an hour ends before it is compacted (COMPACTION_GRACE), 0 to 1440. Null means modules/compaction's default (60)."
  type        = number
  default     = null
}

variable "compaction_lookback_hours" {
  description = "Hours of compacted events a duplicate event_id is looked for in (COMPACTION_LOOKBACK), 1 to 168. Null means modules/compaction's default (24)."
  type        = number
  default     = null
}

variable "compaction_raw_retention_hours" {
  description = "Hours raw files stay after their hour is compacted (COMPACTION_RAW_RETENTION), 1 to 720. Null means modules/compaction's default (6)."
  type        = number
  default     = null
}

variable "compaction_max_hours_per_run" {
  description = "Most hours one compaction run rewrites (COMPACTION_MAX_HOURS), 1 to 168. Null means modules/compaction's default (24)."
  type        = number
  default     = null
}

variable "compaction_schedule_expression" {
  description = "When compaction runs, in UTC: rate(…) or cron(…). Null means modules/compaction's default (cron(15 * * * ? *), hourly at a quarter past)."
  type        = string
  default     = null
}

variable "processor_role_trusted_principal_arns" {
  description = "Principals besides the Lambda service that may assume the processor's role: the build's local environment only (a moto workaround: its runner assumes the role to process with the function's permissions). Empty on AWS."
  type        = list(string)
  default     = []
}

variable "compaction_athena_workgroup" {
  description = "Athena workgroup that rewrites an hour too big for the compaction function (docs/compaction.md); empty turns that path off."
  type        = string
  default     = ""
}

variable "compaction_athena_output_location" {
  description = "s3:// location for that workgroup's query results; empty uses the workgroup's own."
  type        = string
  default     = ""
}
