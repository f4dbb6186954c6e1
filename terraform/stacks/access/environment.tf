# The environment's settings every stack needs, and the provider they configure.
# This file is the same in every stack (Infrastructure.Tests compares them). The
# build gives each stack only the values it declares (inputs.tfvars.json in the
# environment's state folder), so a switch that concerns one stack is declared
# in that stack's emulator_switches.tf, not here.

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

# Emulator switch. The default is the production setting; only
# environments/local.tfvars turns it off, with the reason next to it.

variable "default_tags_enabled" {
  description = "Add Project, Environment, Stack, ManagedBy and var.tags to every resource through the provider's default tags (all stacks)."
  type        = bool
  default     = true
}

locals {
  emulated = var.aws_endpoint_url != ""
  endpoint = local.emulated ? var.aws_endpoint_url : null

  # Names shared across stacks are derived here, once, from name_prefix.
  processor_function_name  = "${var.name_prefix}-processor"
  compaction_function_name = "${var.name_prefix}-compaction"
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
    scheduler  = local.endpoint
    sns        = local.endpoint
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
