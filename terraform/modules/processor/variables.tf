variable "function_name" {
  description = "Name of the function: 1 to 64 characters of letters, digits, hyphens and underscores. Its log group is /aws/lambda/<function_name>."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,64}$", var.function_name))
    error_message = "function_name must be 1 to 64 characters of letters, digits, hyphens and underscores."
  }
}

variable "role_arn" {
  description = "ARN of the execution role (from the processor_iam module)."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/.+$", var.role_arn))
    error_message = "role_arn must be an IAM role ARN (arn:aws:iam::<account>:role/<name>)."
  }
}

variable "image_uri" {
  description = "The function's container image by digest: <repository_url>@sha256:<64 hex digits>. A digest, unlike a tag, changes with the content, so a new image is a visible change in the plan."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9.-]+(:[0-9]+)?/[a-z0-9._/-]+@sha256:[0-9a-f]{64}$", var.image_uri))
    error_message = "image_uri must reference the image by digest: <registry>/<repository>@sha256:<64 lowercase hex digits>. Tags are not accepted."
  }
}

variable "image_command" {
  description = "The image's CMD override: the .NET handler string Assembly::Namespace.Class::Method."
  type        = list(string)
  default     = ["Processor::DataPlatform.Processor.Function::Handle"]

  validation {
    condition     = length(var.image_command) == 1 && can(regex("^[A-Za-z0-9_.]+::[A-Za-z0-9_.]+::[A-Za-z0-9_]+$", var.image_command[0]))
    error_message = "image_command must be one handler string of the form Assembly::Namespace.Class::Method."
  }
}

variable "architecture" {
  description = "Instruction set the image is built for: \"x86_64\" or \"arm64\"."
  type        = string
  default     = "x86_64"

  validation {
    condition     = contains(["x86_64", "arm64"], var.architecture)
    error_message = "architecture must be \"x86_64\" or \"arm64\"."
  }
}

variable "memory_size" {
  description = "Memory of the function in MB; CPU scales with it. An integer from 128 to 10240. Null means the default, 1024."
  type        = number
  default     = 1024
  nullable    = false

  validation {
    condition     = var.memory_size >= 128 && var.memory_size <= 10240 && floor(var.memory_size) == var.memory_size
    error_message = "memory_size must be an integer from 128 to 10240."
  }
}

variable "timeout_seconds" {
  description = "Timeout of one invocation in seconds. An integer from 1 to 900. The queue's visibility timeout must be at least 6 times this."
  type        = number
  default     = 60

  validation {
    condition     = var.timeout_seconds >= 1 && var.timeout_seconds <= 900 && floor(var.timeout_seconds) == var.timeout_seconds
    error_message = "timeout_seconds must be an integer from 1 to 900."
  }
}

variable "reserved_concurrent_executions" {
  description = "Concurrency reserved for (and capping) the function, so that a burst on the queue cannot starve other functions in the account or overload the lake. An integer from 1 to 1000. Null means the default, 10."
  type        = number
  default     = 10
  nullable    = false

  validation {
    condition     = var.reserved_concurrent_executions >= 1 && var.reserved_concurrent_executions <= 1000 && floor(var.reserved_concurrent_executions) == var.reserved_concurrent_executions
    error_message = "reserved_concurrent_executions must be an integer from 1 to 1000."
  }
}

variable "lake_bucket" {
  description = "Name of the lake bucket (the processor's LAKE_BUCKET)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.lake_bucket))
    error_message = "lake_bucket must be an S3 bucket name."
  }
}

variable "lake_prefix" {
  description = "Key prefix of the lake inside the bucket (the processor's LAKE_PREFIX): empty, or ending in \"/\". Events go under <prefix>events/, rejected messages under <prefix>quarantine/."
  type        = string
  default     = ""

  validation {
    condition     = var.lake_prefix == "" || can(regex("^[A-Za-z0-9!_.*'()-]+(/[A-Za-z0-9!_.*'()-]+)*/$", var.lake_prefix))
    error_message = "lake_prefix must be empty or path segments ending in \"/\" (for example \"lake/\"), without a leading \"/\"."
  }
}

variable "parquet_compression" {
  description = "Parquet compression codec (PARQUET_COMPRESSION): \"zstd\" or \"snappy\". Null leaves the variable unset, so the processor's own default (zstd, in src/Processor/Configuration/ProcessorSettings.cs) holds."
  type        = string
  default     = null

  validation {
    condition     = var.parquet_compression == null || contains(["zstd", "snappy"], coalesce(var.parquet_compression, "zstd"))
    error_message = "parquet_compression must be \"zstd\" or \"snappy\", or null for the processor's default."
  }
}

variable "parquet_zstd_level" {
  description = "Zstd level (PARQUET_ZSTD_LEVEL): an integer from 1 to 22. High levels (19 and up) are dozens of times slower than 3 for a few percent less storage. Null leaves the variable unset, so the processor's own default (3) holds."
  type        = number
  default     = null

  validation {
    condition     = var.parquet_zstd_level == null || (coalesce(var.parquet_zstd_level, 3) >= 1 && coalesce(var.parquet_zstd_level, 3) <= 22 && floor(coalesce(var.parquet_zstd_level, 3)) == coalesce(var.parquet_zstd_level, 3))
    error_message = "parquet_zstd_level must be a whole number from 1 to 22 (the processor rejects any other level at cold start), or null for the processor's default."
  }
}

variable "partition_time" {
  description = "Which time decides an event's dt/hour partition (PARTITION_TIME): \"ingestion\" (bounded files per batch) or \"event\" (the event's occurred_at). Null leaves the variable unset, so the processor's own default (ingestion) holds."
  type        = string
  default     = null

  validation {
    condition     = var.partition_time == null || contains(["ingestion", "event"], coalesce(var.partition_time, "ingestion"))
    error_message = "partition_time must be \"ingestion\" or \"event\", or null for the processor's default."
  }
}

variable "max_body_bytes" {
  description = "Largest message body the processor accepts (MAX_BODY_BYTES); larger bodies are quarantined. An integer from 64 to 262144 (SQS's message size limit, and the processor's range). Null leaves the variable unset, so the processor's own default (262144) holds."
  type        = number
  default     = null

  validation {
    condition     = var.max_body_bytes == null || (coalesce(var.max_body_bytes, 64) >= 64 && coalesce(var.max_body_bytes, 64) <= 262144 && floor(coalesce(var.max_body_bytes, 64)) == coalesce(var.max_body_bytes, 64))
    error_message = "max_body_bytes must be an integer from 64 to 262144 (the processor rejects any other value at cold start), or null for the processor's default."
  }
}

variable "log_level" {
  description = "Lowest level the processor logs (LOG_LEVEL), in Lambda's level names: TRACE, DEBUG, INFO, WARN, ERROR or FATAL. Null leaves the variable unset, so the processor's own default (Information) holds and Lambda filters nothing the processor writes."
  type        = string
  default     = null

  validation {
    condition     = var.log_level == null || contains(["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"], coalesce(var.log_level, "INFO"))
    error_message = "log_level must be one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL, or null for the processor's default."
  }
}

variable "log_retention_days" {
  description = "Days the function's logs are kept: one of CloudWatch Logs' values 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653. (0, never expire, is not allowed here.)"
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653."
  }
}

variable "kms_key_arn" {
  description = "ARN of the KMS key of the environment: it encrypts the function's log group, and the processor writes lake objects with it (LAKE_KMS_KEY_ARN, SSE-KMS). Empty string means CloudWatch Logs' own encryption and SSE-S3 (AES256) objects. The key policy must let logs.<region>.amazonaws.com use it for this log group (modules/encryption_key does)."
  type        = string
  default     = ""
  nullable    = false

  validation {
    condition     = var.kms_key_arn == "" || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", var.kms_key_arn))
    error_message = "kms_key_arn must be empty or a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)."
  }
}

variable "logging_config_enabled" {
  description = "Set the function's logging_config (JSON log format, the log group, application and system log levels). Keep true on AWS; only an emulator that does not store logging_config needs false."
  type        = bool
  default     = true
}

variable "queue_arn" {
  description = "ARN of the SQS queue the event source mapping reads."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:sqs:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]+$", var.queue_arn))
    error_message = "queue_arn must be an SQS queue ARN (arn:aws:sqs:<region>:<account>:<name>)."
  }
}

variable "queue_visibility_timeout_seconds" {
  description = "Visibility timeout of that queue in seconds, checked to be at least 6 times timeout_seconds."
  type        = number
}

variable "batch_size" {
  description = "Most messages per invocation. An integer from 1 to 10000; above 10 needs a batching window of at least 1 second. Null means the default, 10000: batches then close on the window or on Lambda's 6 MB payload, not on a count, so files are as large as the freshness target allows (docs/file-sizing.md)."
  type        = number
  default     = 10000
  nullable    = false

  validation {
    condition     = var.batch_size >= 1 && var.batch_size <= 10000 && floor(var.batch_size) == var.batch_size
    error_message = "batch_size must be an integer from 1 to 10000."
  }
}

variable "maximum_batching_window_seconds" {
  description = "Longest the mapping waits to fill a batch, in seconds: larger means fewer, bigger Parquet files, and events reach the lake later (at most this plus one invocation after they are sent). An integer from 0 to 300. Null means the default, 60: the freshness target of docs/file-sizing.md, events queryable within 2 minutes of sending."
  type        = number
  default     = 60
  nullable    = false

  validation {
    condition     = var.maximum_batching_window_seconds >= 0 && var.maximum_batching_window_seconds <= 300 && floor(var.maximum_batching_window_seconds) == var.maximum_batching_window_seconds
    error_message = "maximum_batching_window_seconds must be an integer from 0 to 300."
  }
}

variable "maximum_concurrency" {
  description = "Most concurrent invocations the mapping starts. Keep it at or below reserved_concurrent_executions so that the mapping does not get throttled. An integer from 2 to 1000. Null means the default, 5."
  type        = number
  default     = 5
  nullable    = false

  validation {
    condition     = var.maximum_concurrency >= 2 && var.maximum_concurrency <= 1000 && floor(var.maximum_concurrency) == var.maximum_concurrency
    error_message = "maximum_concurrency must be an integer from 2 to 1000."
  }
}

variable "event_source_mapping_enabled" {
  description = "Whether the event source mapping polls the queue. Keep true on AWS; false on an emulator that would try to run the image itself."
  type        = bool
  default     = true
}

variable "catalog_enabled" {
  description = "Create a Glue database and an events table over the lake with partition projection, so that Athena can query it with no crawler."
  type        = bool
  default     = true
}

variable "catalog_database_name" {
  description = "Name of the Glue database: 1 to 255 characters of lowercase letters, digits and underscores."
  type        = string
  default     = "data_platform"

  validation {
    condition     = can(regex("^[a-z0-9_]{1,255}$", var.catalog_database_name))
    error_message = "catalog_database_name must be 1 to 255 characters of lowercase letters, digits and underscores (Athena's rule)."
  }
}

variable "partition_projection_start_date" {
  description = "First dt (YYYY-MM-DD) the events table's partition projection covers."
  type        = string
  default     = "2024-01-01"

  validation {
    condition     = can(regex("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", var.partition_projection_start_date))
    error_message = "partition_projection_start_date must be a date in YYYY-MM-DD form."
  }
}

variable "tags" {
  description = "Tags added to every resource that takes tags, on top of the provider's default tags."
  type        = map(string)
  default     = {}
}
