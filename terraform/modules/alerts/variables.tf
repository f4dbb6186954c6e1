variable "name" {
  description = "Name of the SNS topic every alarm notifies. 1 to 256 characters of letters, digits, hyphens and underscores."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,256}$", var.name))
    error_message = "name must be 1 to 256 characters of letters, digits, hyphens and underscores (SNS's rule for standard topics)."
  }
}

variable "notification_endpoint" {
  description = "Who is told when an alarm fires or recovers: an email address (subscribed with protocol email; its owner must confirm) or an https:// URL (protocol https; it must confirm the subscription itself). Empty string means the topic has no subscriber."
  type        = string
  default     = ""

  validation {
    condition     = var.notification_endpoint == "" || can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", var.notification_endpoint)) || can(regex("^https://[^\\s/]+(/\\S*)?$", var.notification_endpoint))
    error_message = "notification_endpoint must be empty, an email address (oncall@example.com) or an https:// URL (https://hooks.example.com/alarms). Plain http:// is refused: alarm contents would cross the network unencrypted."
  }
}

variable "kms_key_arn" {
  description = "ARN of a customer managed KMS key for the topic. Its key policy must let the cloudwatch.amazonaws.com service principal use kms:GenerateDataKey* and kms:Decrypt, or CloudWatch cannot publish and alarms reach nobody. Empty string means no encryption at rest (alarm notifications carry names and numbers, no data)."
  type        = string
  default     = ""

  validation {
    condition     = var.kms_key_arn == "" || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", var.kms_key_arn))
    error_message = "kms_key_arn must be empty or a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)."
  }
}

variable "tags" {
  description = "Tags added to the topic, on top of the provider's default tags."
  type        = map(string)
  default     = {}
}
