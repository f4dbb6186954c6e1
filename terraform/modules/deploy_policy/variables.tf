variable "name_prefix" {
  description = "Prefix of every resource name of the environment (dp-dev, dp-prod, dp-local): 2 to 24 characters of lowercase letters, digits and hyphens, as the stacks' name_prefix."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,22}[a-z0-9]$", var.name_prefix))
    error_message = "name_prefix must be 2 to 24 characters of lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen (the stacks' own rule)."
  }
}

variable "state_bucket" {
  description = "Name of the S3 bucket that holds the environment's Terraform state (the bucket of environments/<env>.backend.hcl): 3 to 63 characters of lowercase letters, digits, dots and hyphens. Empty string for an environment that keeps its state in files (local): no state statement then."
  type        = string
  default     = ""

  validation {
    condition     = var.state_bucket == "" || can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.state_bucket))
    error_message = "state_bucket must be empty or an S3 bucket name: 3 to 63 characters of lowercase letters, digits, dots and hyphens."
  }
}

variable "state_key_prefix" {
  description = "Prefix of the stacks' state keys in state_bucket, ending with a slash: the build keeps <env>/<stack>.tfstate, so dev's is \"dev/\"."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9._-]+/$", var.state_key_prefix))
    error_message = "state_key_prefix must be one folder name ending with a slash, such as dev/."
  }
}

variable "stacks" {
  description = "The stacks the deploy identity applies; each one's state key is <state_key_prefix><stack>.tfstate. The access stack is deliberately not among them: the identity must not rewrite its own trust."
  type        = list(string)
  default     = ["registry", "storage", "iam", "compute"]

  validation {
    condition     = length(var.stacks) > 0 && alltrue([for s in var.stacks : can(regex("^[a-z][a-z0-9_-]*$", s))]) && !contains(var.stacks, "access")
    error_message = "stacks must be one or more stack folder names (lowercase letters, digits, _ and -), and never access."
  }
}

variable "region" {
  description = "AWS region of the environment, for example eu-west-1."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", var.region))
    error_message = "region must be an AWS region name such as eu-west-1."
  }
}

variable "account_id" {
  description = "The 12-digit id of the AWS account the environment lives in."
  type        = string

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be the 12 digits of an AWS account id."
  }
}

variable "partition" {
  description = "AWS partition of the account: aws, aws-cn or aws-us-gov."
  type        = string
  default     = "aws"

  validation {
    condition     = contains(["aws", "aws-cn", "aws-us-gov"], var.partition)
    error_message = "partition must be aws, aws-cn or aws-us-gov."
  }
}

variable "protected_role_path" {
  description = "IAM path (/ci/ by default) of the roles the CI assumes. The deploy policy denies every IAM change under it, so the deploy role cannot widen its own trust or policy."
  type        = string
  default     = "/ci/"

  validation {
    condition     = can(regex("^/([A-Za-z0-9+=,.@_-]+/)+$", var.protected_role_path))
    error_message = "protected_role_path must be an IAM path: starts and ends with a slash, such as /ci/."
  }
}
