variable "create_kms_key" {
  description = "Create the platform's customer-managed KMS key (rotated, with an alias and a key policy for CloudWatch Logs and alarms) and encrypt the lake, both queues, the function's log group and the registry with it. false with existing_kms_key_arn empty means AWS-managed keys. The repository's encryption is fixed at creation: changing this later replaces the repository."
  type        = bool
  default     = false
}

variable "existing_kms_key_arn" {
  description = "ARN of a KMS key you manage yourself, used for every store instead of the kit's key. Empty string means none. Its key policy must let CloudWatch Logs (logs.<region>.amazonaws.com) use it for the function's log group. Not together with create_kms_key."
  type        = string
  default     = ""

  validation {
    condition     = var.existing_kms_key_arn == "" || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", var.existing_kms_key_arn))
    error_message = "existing_kms_key_arn must be empty or a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>); an alias is not accepted, because SQS, S3 and the IAM grant need the key itself."
  }

  validation {
    condition     = var.existing_kms_key_arn == "" || !var.create_kms_key
    error_message = "Set either create_kms_key = true (the kit creates the key) or existing_kms_key_arn (your own key), not both."
  }
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
