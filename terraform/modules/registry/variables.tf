variable "name" {
  description = "Name of the ECR repository: 2 to 256 characters of lowercase letters, digits and . _ - /, starting with a letter or digit."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9._/-]{1,255}$", var.name))
    error_message = "name must be 2 to 256 characters of lowercase letters, digits and . _ - /, starting with a letter or digit."
  }
}

variable "kms_key_arn" {
  description = "ARN of a customer managed KMS key for the repository's encryption. Empty string means AES256 (ECR-managed). Encryption cannot be changed after creation."
  type        = string
  default     = ""

  validation {
    condition     = var.kms_key_arn == "" || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", var.kms_key_arn))
    error_message = "kms_key_arn must be empty or a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)."
  }
}

variable "max_image_count" {
  description = "Images kept in the repository besides the deployed one and the rollback target (those never expire); older ones expire. An integer from 1 to 1000."
  type        = number
  default     = 30

  validation {
    condition     = var.max_image_count >= 1 && var.max_image_count <= 1000 && floor(var.max_image_count) == var.max_image_count
    error_message = "max_image_count must be an integer from 1 to 1000."
  }
}

variable "untagged_image_expiration_days" {
  description = "Days after which an untagged image (a superseded build layer or manifest) expires. An integer from 1 to 3650."
  type        = number
  default     = 14

  validation {
    condition     = var.untagged_image_expiration_days >= 1 && var.untagged_image_expiration_days <= 3650 && floor(var.untagged_image_expiration_days) == var.untagged_image_expiration_days
    error_message = "untagged_image_expiration_days must be an integer from 1 to 3650."
  }
}

variable "force_delete" {
  description = "Let a destroy delete the repository while it still holds images. false protects the images a running function depends on."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags added to every resource that takes tags, on top of the provider's default tags."
  type        = map(string)
  default     = {}
}
