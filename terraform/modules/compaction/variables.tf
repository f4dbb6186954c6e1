variable "function_name" {
  description = "Name of the compaction function: 1 to 55 characters of letters, digits, hyphens and underscores (its roles add -role and -schedule, within IAM's 64). Its log group is /aws/lambda/<function_name>, its schedule has the same name."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,55}$", var.function_name))
    error_message = "function_name must be 1 to 55 characters of letters, digits, hyphens and underscores."
  }
}

variable "image_uri" {
  description = "The processor's container image by digest, <repository_url>@sha256:<64 hex digits>: compaction runs from the same image with another handler."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9.-]+(:[0-9]+)?/[a-z0-9._/-]+@sha256:[0-9a-f]{64}$", var.image_uri))
    error_message = "image_uri must reference the image by digest: <registry>/<repository>@sha256:<64 lowercase hex digits>. Tags are not accepted."
  }
}

variable "image_command" {
  description = "The image's CMD override: the compaction handler, Assembly::Namespace.Class::Method."
  type        = list(string)
  default     = ["Processor::DataPlatform.Processor.CompactionFunction::Handle"]

  validation {
    condition     = length(var.image_command) == 1 && can(regex("^[A-Za-z0-9_.]+::[A-Za-z0-9_.]+::[A-Za-z0-9_]+$", var.image_command[0]))
    error_message = "image_command must be one handler string of the form Assembly::Namespace.Class::Method."
  }
}

variable "architecture" {
  description = "Instruction set the image is built for: \"x86_64\" or \"arm64\" (the processor's)."
  type        = string
  default     = "x86_64"

  validation {
    condition     = contains(["x86_64", "arm64"], var.architecture)
    error_message = "architecture must be \"x86_64\" or \"arm64\"."
  }
}

variable "memory_size" {
  description = "Memory of the function in MB; CPU scales with it (about 1.7 vCPU at 3008). An integer from 512 to 10240. Null means the default, 3008: room for one event type's hour decoded in memory up to about 1,000 events/s of 600-byte events (0.6 million rows, 130 MB of Parquet); docs/file-sizing.md. Larger hours need more memory or Athena."
  type        = number
  default     = 3008
  nullable    = false

  validation {
    condition     = var.memory_size >= 512 && var.memory_size <= 10240 && floor(var.memory_size) == var.memory_size
    error_message = "memory_size must be an integer from 512 to 10240."
  }
}

variable "timeout_seconds" {
  description = "Timeout of one run in seconds. An integer from 60 to 900. Null means the default, 900 (Lambda's most): a run compacts as many closed hours as fit, up to max_hours_per_run, and the next run goes on from the watermark."
  type        = number
  default     = 900
  nullable    = false

  validation {
    condition     = var.timeout_seconds >= 60 && var.timeout_seconds <= 900 && floor(var.timeout_seconds) == var.timeout_seconds
    error_message = "timeout_seconds must be an integer from 60 to 900."
  }
}

variable "lake_bucket" {
  description = "Name of the lake bucket (LAKE_BUCKET)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.lake_bucket))
    error_message = "lake_bucket must be an S3 bucket name."
  }
}

variable "lake_prefix" {
  description = "Key prefix of the lake inside the bucket (LAKE_PREFIX): empty, or ending in \"/\". Raw events are under <prefix>events/, compacted ones under <prefix>compacted/."
  type        = string
  default     = ""

  validation {
    condition     = var.lake_prefix == "" || can(regex("^[A-Za-z0-9!_.*'()-]+(/[A-Za-z0-9!_.*'()-]+)*/$", var.lake_prefix))
    error_message = "lake_prefix must be empty or path segments ending in \"/\" (for example \"lake/\"), without a leading \"/\"."
  }
}

variable "kms_key_arn" {
  description = "ARN of the environment's KMS key (LAKE_KMS_KEY_ARN): compacted objects are written with it, raw ones read with it, and it encrypts the function's log group. Empty string means SSE-S3 objects and CloudWatch Logs' own encryption."
  type        = string
  default     = ""
  nullable    = false

  validation {
    condition     = var.kms_key_arn == "" || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", var.kms_key_arn))
    error_message = "kms_key_arn must be empty or a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)."
  }
}

variable "grace_minutes" {
  description = "How long after an hour ends it is still open to late batches (COMPACTION_GRACE): an hour is compacted once now ≥ its end + grace. An integer from 0 to 1440. Null means the default, 60: longer than a message's retries take to land (max_receive_count × the visibility timeout, 30 minutes with the defaults)."
  type        = number
  default     = 60
  nullable    = false

  validation {
    condition     = var.grace_minutes >= 0 && var.grace_minutes <= 1440 && floor(var.grace_minutes) == var.grace_minutes
    error_message = "grace_minutes must be an integer from 0 to 1440."
  }
}

variable "lookback_hours" {
  description = "How far back a duplicate event_id is looked for in compacted hours (COMPACTION_LOOKBACK). An integer from 1 to 168. Null means the default, 24."
  type        = number
  default     = 24
  nullable    = false

  validation {
    condition     = var.lookback_hours >= 1 && var.lookback_hours <= 168 && floor(var.lookback_hours) == var.lookback_hours
    error_message = "lookback_hours must be an integer from 1 to 168."
  }
}

variable "raw_retention_hours" {
  description = "How long raw files stay after their hour was compacted (COMPACTION_RAW_RETENTION), so that no running query loses a file it planned to read. An integer from 1 to 720. Null means the default, 6 (Athena stops a query after 30 minutes by default)."
  type        = number
  default     = 6
  nullable    = false

  validation {
    condition     = var.raw_retention_hours >= 1 && var.raw_retention_hours <= 720 && floor(var.raw_retention_hours) == var.raw_retention_hours
    error_message = "raw_retention_hours must be an integer from 1 to 720 (at least an hour: queries must finish before raw files go)."
  }
}

variable "max_hours_per_run" {
  description = "Most hours one run compacts (COMPACTION_MAX_HOURS); a backlog is caught up over several runs. An integer from 1 to 168. Null means the default, 24."
  type        = number
  default     = 24
  nullable    = false

  validation {
    condition     = var.max_hours_per_run >= 1 && var.max_hours_per_run <= 168 && floor(var.max_hours_per_run) == var.max_hours_per_run
    error_message = "max_hours_per_run must be an integer from 1 to 168."
  }
}

variable "schedule_expression" {
  description = "When EventBridge Scheduler runs the function, in UTC: rate(…) or cron(…). Null means the default, cron(15 * * * ? *): hourly at a quarter past."
  type        = string
  default     = "cron(15 * * * ? *)"
  nullable    = false

  validation {
    condition     = can(regex("^(rate\\([0-9]+ (minute|minutes|hour|hours|day|days)\\)|cron\\(.+\\))$", var.schedule_expression))
    error_message = "schedule_expression must be rate(<n> <unit>) or cron(<6 fields>), for example cron(15 * * * ? *)."
  }
}

variable "schedule_enabled" {
  description = "Whether the schedule runs the function. Turn it off to pause compaction (readers keep seeing every event once, from raw files past the watermark)."
  type        = bool
  default     = true
}

variable "log_retention_days" {
  description = "Days the function's logs are kept: one of CloudWatch Logs' values 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653."
  }
}

variable "logging_config_enabled" {
  description = "Set the function's logging_config (JSON log format, the log group, log levels). Keep true on AWS; only an emulator that does not store logging_config needs false."
  type        = bool
  default     = true
}

variable "alarm_actions" {
  description = "ARNs (the environment's alarm topic first) notified when the errors alarm fires and when it recovers. At least one."
  type        = list(string)

  validation {
    condition     = length(var.alarm_actions) > 0
    error_message = "alarm_actions must name at least one ARN (the environment's alarm topic): an alarm without an action tells nobody."
  }
}

variable "errors_alarm_threshold" {
  description = "Alarm when more runs than this fail in one period. An integer of at least 0. Null means the default, 0 (any)."
  type        = number
  default     = 0
  nullable    = false

  validation {
    condition     = var.errors_alarm_threshold >= 0 && floor(var.errors_alarm_threshold) == var.errors_alarm_threshold
    error_message = "errors_alarm_threshold must be an integer of at least 0."
  }
}

variable "alarm_period_seconds" {
  description = "Length of the window the errors alarm sums over, in seconds: a multiple of 60 up to 86400. Null means the default, 3600 (one scheduled run)."
  type        = number
  default     = 3600
  nullable    = false

  validation {
    condition     = var.alarm_period_seconds >= 60 && var.alarm_period_seconds <= 86400 && var.alarm_period_seconds % 60 == 0
    error_message = "alarm_period_seconds must be a multiple of 60 from 60 to 86400."
  }
}

variable "catalog_database_name" {
  description = "Glue database of the lake (modules/processor's catalog) to add the compacted, per-contract, watermark and inputs tables to. Empty string means no tables."
  type        = string
  default     = ""
  nullable    = false
}

variable "partition_projection_start_date" {
  description = "First dt (YYYY-MM-DD) the tables' partition projection covers."
  type        = string
  default     = "2024-01-01"

  validation {
    condition     = can(regex("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", var.partition_projection_start_date))
    error_message = "partition_projection_start_date must be a date in YYYY-MM-DD form."
  }
}

variable "contracts" {
  description = "Event contracts by event type: the text of contracts/<event_type>.json. Each gets a Glue table compacted_<type> (non-alphanumerics become _) with a typed column per top-level payload property. Empty map means none."
  type        = map(string)
  default     = {}
  nullable    = false

  validation {
    condition     = alltrue([for text in values(var.contracts) : can(jsondecode(text).properties)])
    error_message = "Every contract must be JSON with a \"properties\" object (contracts/README.md)."
  }
}

variable "tags" {
  description = "Tags added to every resource that takes tags, on top of the provider's default tags."
  type        = map(string)
  default     = {}
}

variable "athena_workgroup" {
  description = "Athena workgroup that rewrites an hour too big for the function (COMPACTION_ATHENA_WORKGROUP); empty turns that path off: such an hour then stops the run with a sentence saying so."
  type        = string
  default     = ""
}

variable "athena_output_location" {
  description = "s3:// location for Athena's query results (COMPACTION_ATHENA_OUTPUT); empty uses the workgroup's own. Needs athena_workgroup."
  type        = string
  default     = ""

  validation {
    condition     = var.athena_output_location == "" || startswith(var.athena_output_location, "s3://")
    error_message = "athena_output_location must be an s3:// URI, or empty to use the workgroup's result location."
  }
}
