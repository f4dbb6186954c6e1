variable "role_name" {
  description = "Name of the function's execution role: 1 to 64 characters of letters, digits and +=,.@_-."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9+=,.@_-]{1,64}$", var.role_name))
    error_message = "role_name must be 1 to 64 characters of letters, digits and +=,.@_-."
  }
}

variable "function_name" {
  description = "Name of the function that assumes the role; its log group /aws/lambda/<function_name> is the only one it may write to."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,64}$", var.function_name))
    error_message = "function_name must be 1 to 64 characters of letters, digits, hyphens and underscores."
  }
}

variable "queue_arn" {
  description = "ARN of the ingest queue the function reads (through its event source mapping)."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:sqs:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]+$", var.queue_arn))
    error_message = "queue_arn must be an SQS queue ARN (arn:aws:sqs:<region>:<account>:<name>)."
  }
}

variable "lake_bucket_arn" {
  description = "ARN of the lake bucket the function writes to."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.lake_bucket_arn))
    error_message = "lake_bucket_arn must be an S3 bucket ARN (arn:aws:s3:::<bucket>)."
  }
}

variable "lake_prefix" {
  description = "Key prefix of the lake inside the bucket: empty, or ending in \"/\". The function may put objects under <prefix>events/ and <prefix>quarantine/ only."
  type        = string
  default     = ""

  validation {
    condition     = var.lake_prefix == "" || can(regex("^[A-Za-z0-9!_.*'()-]+(/[A-Za-z0-9!_.*'()-]+)*/$", var.lake_prefix))
    error_message = "lake_prefix must be empty or path segments ending in \"/\" (for example \"lake/\"), without a leading \"/\"."
  }
}

variable "kms_key_arn" {
  description = "ARN of the KMS key that encrypts the queue and the lake; the role may use that key only. Empty string when both use AWS-managed encryption: then the role gets no KMS permission at all."
  type        = string
  default     = ""
  nullable    = false

  validation {
    condition     = var.kms_key_arn == "" || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", var.kms_key_arn))
    error_message = "kms_key_arn must be empty or a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)."
  }
}

variable "additional_trusted_principal_arns" {
  description = "IAM principal ARNs (users or roles) that may assume the role besides the Lambda service. A moto workaround for the local environment, whose runner assumes the role to process with the function's permissions; leave empty ([]) on AWS."
  type        = list(string)
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for arn in var.additional_trusted_principal_arns : can(regex("^arn:aws[a-z-]*:(iam|sts)::[0-9]{12}:.+$", arn))])
    error_message = "additional_trusted_principal_arns must hold IAM principal ARNs (arn:aws:iam::<account>:user/<name> or role/<name>)."
  }
}

variable "tags" {
  description = "Tags added to every resource that takes tags, on top of the provider's default tags."
  type        = map(string)
  default     = {}
}
