variable "name" {
  description = "Name of the ingest queue; the dead-letter queue is named \"<name>-dlq\". 1 to 76 characters of letters, digits, hyphens and underscores."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,76}$", var.name))
    error_message = "name must be 1 to 76 characters of letters, digits, hyphens and underscores (80 with the \"-dlq\" suffix is SQS's limit)."
  }
}

variable "function_timeout_seconds" {
  description = "Timeout of the function that consumes the queue, in seconds; the visibility timeout is derived from it. An integer from 1 to 900."
  type        = number

  validation {
    condition     = var.function_timeout_seconds >= 1 && var.function_timeout_seconds <= 900 && floor(var.function_timeout_seconds) == var.function_timeout_seconds
    error_message = "function_timeout_seconds must be an integer from 1 to 900 (Lambda's limit)."
  }
}

variable "visibility_timeout_factor" {
  description = "Visibility timeout as a multiple of the function timeout. AWS recommends at least 6 so that retries of a throttled batch do not make messages visible again while they are still being processed. An integer of at least 6; the product must not exceed 43200 seconds."
  type        = number
  default     = 6

  validation {
    condition     = var.visibility_timeout_factor >= 6 && floor(var.visibility_timeout_factor) == var.visibility_timeout_factor
    error_message = "visibility_timeout_factor must be an integer of at least 6."
  }
}

variable "message_retention_seconds" {
  description = "How long the ingest queue keeps a message, in seconds. An integer from 60 to 1209600 (14 days)."
  type        = number
  default     = 345600

  validation {
    condition     = var.message_retention_seconds >= 60 && var.message_retention_seconds <= 1209600
    error_message = "message_retention_seconds must be from 60 to 1209600."
  }
}

variable "dead_letter_retention_seconds" {
  description = "How long the dead-letter queue keeps a message, in seconds. Must be longer than message_retention_seconds, because a standard queue keeps a message's original enqueue time when it moves to the dead-letter queue. An integer from 60 to 1209600."
  type        = number
  default     = 1209600

  validation {
    condition     = var.dead_letter_retention_seconds >= 60 && var.dead_letter_retention_seconds <= 1209600
    error_message = "dead_letter_retention_seconds must be from 60 to 1209600."
  }
}

variable "max_receive_count" {
  description = "Receives after which a message moves to the dead-letter queue. At least 5, so that a throttled or briefly failing batch is retried before it is parked. An integer from 5 to 1000."
  type        = number
  default     = 5

  validation {
    condition     = var.max_receive_count >= 5 && var.max_receive_count <= 1000 && floor(var.max_receive_count) == var.max_receive_count
    error_message = "max_receive_count must be an integer from 5 to 1000."
  }
}

variable "kms_key_arn" {
  description = "ARN of a customer managed KMS key for SSE-KMS on both queues. Empty string means SQS-managed SSE."
  type        = string
  default     = ""

  validation {
    condition     = var.kms_key_arn == "" || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", var.kms_key_arn))
    error_message = "kms_key_arn must be empty or a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)."
  }
}

variable "redrive_allow_policy_enabled" {
  description = "Restrict the dead-letter queue so that only the ingest queue can use it as a dead-letter queue. Keep true on AWS; only an emulator that rejects RedriveAllowPolicy needs false."
  type        = bool
  default     = true
}

variable "oldest_message_age_alarm_seconds" {
  description = "Alarm when the oldest message in the ingest queue is older than this, in seconds: the consumer is stuck or falling behind. An integer from 60 to 1209600."
  type        = number
  default     = 900

  validation {
    condition     = var.oldest_message_age_alarm_seconds >= 60 && var.oldest_message_age_alarm_seconds <= 1209600
    error_message = "oldest_message_age_alarm_seconds must be from 60 to 1209600."
  }
}

variable "alarm_actions" {
  description = "ARNs (for example SNS topics) notified when an alarm fires or recovers. Empty list means the alarms only change state."
  type        = list(string)
  default     = []
}

variable "tags" {
  description = "Tags added to every resource that takes tags, on top of the provider's default tags."
  type        = map(string)
  default     = {}
}
