variable "processor_timeout_seconds" {
  description = "Timeout of the processor function in seconds. Owned here because the ingest queue's visibility timeout is derived from it (6×); passed on to the compute stack as an output. An integer from 1 to 900."
  type        = number
  default     = 60
}

variable "lake_prefix" {
  description = "Key prefix of the lake inside the bucket: empty, or ending in \"/\". Passed on to the iam and compute stacks as an output."
  type        = string
  default     = ""

  validation {
    condition     = var.lake_prefix == "" || can(regex("^[A-Za-z0-9!_.*'()-]+(/[A-Za-z0-9!_.*'()-]+)*/$", var.lake_prefix))
    error_message = "lake_prefix must be empty or path segments ending in \"/\" (for example \"lake/\"), without a leading \"/\"."
  }
}

variable "kms_key_arn" {
  description = "ARN of the KMS key for the lake (SSE-KMS with a bucket key) and both queues (registry stack output). Empty string means SSE-S3 and SQS-managed SSE."
  type        = string
  default     = ""
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
  description = "Extra ARNs notified when an alarm changes state, after the environment's alarm topic (which every alarm always notifies)."
  type        = list(string)
  default     = []
}

variable "alarm_notification_endpoint" {
  description = "Who hears the alarms: an email address (confirm the subscription from the email AWS sends) or an https:// URL that confirms SNS subscriptions itself. Empty string means nobody is subscribed to the alarm topic."
  type        = string
  default     = ""
}

variable "alarm_topic_kms_key_arn" {
  description = "ARN of a customer managed KMS key for the alarm topic; its key policy must let cloudwatch.amazonaws.com use it (kms:GenerateDataKey*, kms:Decrypt), or alarms reach nobody. Empty string means the environment's key (kms_key_arn) when it has one, else no encryption at rest."
  type        = string
  default     = ""
}
