variable "registry_kms_key_arn" {
  description = "ARN of a customer managed KMS key for the repository. Empty string means AES256. Fixed at creation."
  type        = string
  default     = ""
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
