# The environment's settings and the provider they configure. This file is the
# same in every stack (Infrastructure.Tests compares them): each stack gets the
# same -var-file=terraform/environments/<env>.tfvars, so each must declare every
# variable an environment file sets, even the ones it does not use.

variable "environment" {
  description = "Name of the environment: 2 to 16 characters of lowercase letters, digits and hyphens, starting with a letter (local, dev, prod, …)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,15}$", var.environment))
    error_message = "environment must be 2 to 16 characters of lowercase letters, digits and hyphens, starting with a letter."
  }
}

variable "region" {
  description = "AWS region of every resource, for example eu-west-1."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", var.region))
    error_message = "region must be an AWS region name such as eu-west-1."
  }
}

variable "name_prefix" {
  description = "Prefix of every resource name: 2 to 24 characters of lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen. Different per environment so environments can share an account."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,22}[a-z0-9]$", var.name_prefix))
    error_message = "name_prefix must be 2 to 24 characters of lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen."
  }
}

variable "aws_endpoint_url" {
  description = "Endpoint of an AWS emulator (for example http://127.0.0.1:5000 for moto) that every service is sent to. Empty string means real AWS."
  type        = string
  default     = ""

  validation {
    condition     = var.aws_endpoint_url == "" || can(regex("^https?://[^/\\s]+/?$", var.aws_endpoint_url))
    error_message = "aws_endpoint_url must be empty (real AWS) or an http(s) URL with no path, such as http://127.0.0.1:5000."
  }
}

variable "tags" {
  description = "Tags added to every resource through the provider's default tags, on top of Project, Environment, Stack and ManagedBy."
  type        = map(string)
  default     = {}
}

# Emulator switches. The defaults are the production settings; only
# environments/local.tfvars turns them off, each with the reason next to it.

variable "event_source_mapping_enabled" {
  description = "Whether the SQS event source mapping polls the ingest queue (compute stack)."
  type        = bool
  default     = true
}

variable "enforce_tls_bucket_policy" {
  description = "Attach the lake's TLS-only bucket policy (storage stack)."
  type        = bool
  default     = true
}

variable "dead_letter_redrive_allow_policy_enabled" {
  description = "Restrict the dead-letter queue to the ingest queue with a redrive-allow policy (storage stack)."
  type        = bool
  default     = true
}

variable "function_logging_config_enabled" {
  description = "Set the function's logging_config: JSON logs, its log group, log levels (compute stack)."
  type        = bool
  default     = true
}

variable "default_tags_enabled" {
  description = "Add Project, Environment, Stack, ManagedBy and var.tags to every resource through the provider's default tags (all stacks)."
  type        = bool
  default     = true
}

locals {
  emulated = var.aws_endpoint_url != ""
  endpoint = local.emulated ? var.aws_endpoint_url : null

  # Names shared across stacks are derived here, once, from name_prefix.
  processor_function_name = "${var.name_prefix}-processor"
}

provider "aws" {
  region = var.region

  # On an emulator: no real credentials, no account lookup, no instance metadata,
  # and S3 addressed by path (bucket.127.0.0.1 does not resolve).
  s3_use_path_style           = local.emulated
  skip_credentials_validation = local.emulated
  skip_requesting_account_id  = local.emulated
  skip_metadata_api_check     = local.emulated
  skip_region_validation      = local.emulated

  # null leaves each service on its real AWS endpoint.
  endpoints {
    cloudwatch = local.endpoint
    ecr        = local.endpoint
    glue       = local.endpoint
    iam        = local.endpoint
    kms        = local.endpoint
    lambda     = local.endpoint
    logs       = local.endpoint
    s3         = local.endpoint
    sqs        = local.endpoint
    sts        = local.endpoint
  }

  default_tags {
    tags = var.default_tags_enabled ? merge(var.tags, {
      Project     = "data-platform"
      Environment = var.environment
      Stack       = basename(abspath(path.root))
      ManagedBy   = "terraform"
    }) : {}
  }
}
