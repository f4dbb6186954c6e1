variable "bucket_name" {
  description = "Name of the lake bucket: 3 to 63 characters of lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit. Globally unique in AWS."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.bucket_name))
    error_message = "bucket_name must be 3 to 63 characters of lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit."
  }
}

variable "kms_key_arn" {
  description = "ARN of a customer managed KMS key for SSE-KMS with an S3 bucket key. Empty string means SSE-S3 (AES256)."
  type        = string
  default     = ""

  validation {
    condition     = var.kms_key_arn == "" || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", var.kms_key_arn))
    error_message = "kms_key_arn must be empty or a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)."
  }
}

variable "noncurrent_version_expiration_days" {
  description = "Days a noncurrent (overwritten or deleted) object version is kept before it expires. An integer from 1 to 3650."
  type        = number
  default     = 30

  validation {
    condition     = var.noncurrent_version_expiration_days >= 1 && var.noncurrent_version_expiration_days <= 3650 && floor(var.noncurrent_version_expiration_days) == var.noncurrent_version_expiration_days
    error_message = "noncurrent_version_expiration_days must be an integer from 1 to 3650."
  }
}

variable "abort_incomplete_multipart_upload_days" {
  description = "Days after which an unfinished multipart upload is aborted and its parts deleted. An integer from 1 to 365."
  type        = number
  default     = 7

  validation {
    condition     = var.abort_incomplete_multipart_upload_days >= 1 && var.abort_incomplete_multipart_upload_days <= 365 && floor(var.abort_incomplete_multipart_upload_days) == var.abort_incomplete_multipart_upload_days
    error_message = "abort_incomplete_multipart_upload_days must be an integer from 1 to 365."
  }
}

variable "intelligent_tiering_after_days" {
  description = "Days after which current objects move to S3 Intelligent-Tiering. 0 turns tiering off; otherwise an integer from 1 to 3650."
  type        = number
  default     = 0

  validation {
    condition     = var.intelligent_tiering_after_days >= 0 && var.intelligent_tiering_after_days <= 3650 && floor(var.intelligent_tiering_after_days) == var.intelligent_tiering_after_days
    error_message = "intelligent_tiering_after_days must be 0 (off) or an integer from 1 to 3650."
  }
}

variable "enforce_tls" {
  description = "Attach a bucket policy that denies every request not made over TLS. Keep true on AWS; only an emulator that ignores policy conditions needs false."
  type        = bool
  default     = true
}

variable "tags" {
  description = "Tags added to every resource that takes tags, on top of the provider's default tags."
  type        = map(string)
  default     = {}
}
