variable "alias" {
  description = "Name of the key's alias, without \"alias/\": 1 to 250 characters of letters, digits, slashes, underscores and hyphens, not starting with \"aws/\"."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9/_-]{1,250}$", var.alias)) && !startswith(var.alias, "aws/")
    error_message = "alias must be 1 to 250 characters of letters, digits, slashes, underscores and hyphens, without the \"alias/\" prefix, and must not start with \"aws/\" (AWS reserves it)."
  }
}

variable "description" {
  description = "What the key protects, shown in the KMS console."
  type        = string
  default     = "Encrypts the data platform's lake, queues, logs and images."
}

variable "log_group_names" {
  description = "CloudWatch Logs groups (for example /aws/lambda/dp-prod-processor) that may be encrypted with the key. The logs service gets the key for these groups only, through the encryption context; empty means no log group."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for name in var.log_group_names : can(regex("^[A-Za-z0-9_./#-]{1,512}$", name))])
    error_message = "Every entry of log_group_names must be a log group name: 1 to 512 characters of letters, digits and _ - / . #."
  }
}

variable "rotation_period_in_days" {
  description = "Days between automatic rotations of the key material (old material stays usable for decryption). An integer from 90 to 2560."
  type        = number
  default     = 365

  validation {
    condition     = var.rotation_period_in_days >= 90 && var.rotation_period_in_days <= 2560 && floor(var.rotation_period_in_days) == var.rotation_period_in_days
    error_message = "rotation_period_in_days must be an integer from 90 to 2560."
  }
}

variable "deletion_window_in_days" {
  description = "Days a destroyed key waits before KMS deletes it, during which the deletion can be cancelled. Once deleted, everything encrypted with it is unreadable for good. An integer from 7 to 30."
  type        = number
  default     = 30

  validation {
    condition     = var.deletion_window_in_days >= 7 && var.deletion_window_in_days <= 30 && floor(var.deletion_window_in_days) == var.deletion_window_in_days
    error_message = "deletion_window_in_days must be an integer from 7 to 30."
  }
}

variable "tags" {
  description = "Tags added to the key, on top of the provider's default tags."
  type        = map(string)
  default     = {}
}
