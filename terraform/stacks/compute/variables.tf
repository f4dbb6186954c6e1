# Inputs from upstream stacks' outputs, by the same names, and the image the build pushed.

variable "image_uri" {
  description = "The processor image by digest, <repository_url>@sha256:<64 hex digits>, as pushed by the build."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9.-]+(:[0-9]+)?/[a-z0-9._/-]+@sha256:[0-9a-f]{64}$", var.image_uri))
    error_message = "image_uri must reference the image by digest: <repository_url>@sha256:<64 lowercase hex digits>. Tags are not accepted, so that every new image is a visible change."
  }
}

variable "repository_url" {
  description = "URL of the processor's image repository (registry stack output); image_uri must point into it."
  type        = string
}

variable "processor_role_arn" {
  description = "ARN of the processor's execution role (iam stack output)."
  type        = string
}

variable "lake_bucket" {
  description = "Name of the lake bucket (storage stack output)."
  type        = string
}

variable "lake_prefix" {
  description = "Key prefix of the lake inside the bucket (storage stack output)."
  type        = string
  default     = ""
}

variable "kms_key_arn" {
  description = "ARN of the environment's KMS key, or empty (registry stack output): it encrypts the log group and the lake objects the processor writes."
  type        = string
  default     = ""
}

variable "ingest_queue_arn" {
  description = "ARN of the ingest queue (storage stack output)."
  type        = string
}

variable "ingest_queue_visibility_timeout_seconds" {
  description = "Visibility timeout of the ingest queue in seconds (storage stack output); checked to be at least 6 × processor_timeout_seconds."
  type        = number
}

variable "processor_timeout_seconds" {
  description = "Timeout of the function in seconds (storage stack output, which sized the queue for it). An integer from 1 to 900."
  type        = number
}

variable "alarm_topic_arn" {
  description = "ARN of the environment's alarm topic (storage stack output); every alarm of the function notifies it."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}$", var.alarm_topic_arn))
    error_message = "alarm_topic_arn must be an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>): apply the storage stack first and pass its output alarm_topic_arn."
  }
}

variable "processor_handler" {
  description = "The .NET handler string Assembly::Namespace.Class::Method, set as the image's command."
  type        = string
  default     = "Processor::DataPlatform.Processor.Function::Handle"
}

# The function's own settings. Each defaults to null, which means "the default":
# the processor's settings (compression, Zstd level, partition time, body limit,
# log level) are then not set on the function, so the processor's own defaults in
# src/Processor/Configuration/ProcessorSettings.cs hold; the function's size and
# the mapping's batching take modules/processor's defaults. An environment sets
# any of them in its tfvars.

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

variable "alarm_actions" {
  description = "Extra ARNs notified when an alarm changes state, after the environment's alarm topic."
  type        = list(string)
  default     = []
}

variable "quarantined_events_alarm_threshold" {
  description = "Alarm when more events than this are quarantined in 5 minutes. An integer of at least 0. Null means modules/processor_alarms' default (0: any)."
  type        = number
  default     = null
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

# Compaction (modules/compaction). Null means that module's default, stated there once.

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
