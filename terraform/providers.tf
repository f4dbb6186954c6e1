# The same provider settings as the stacks' environment.tf, for one state instead of four.

locals {
  emulated = var.aws_endpoint_url != ""
  endpoint = local.emulated ? var.aws_endpoint_url : null

  # Names derived once from name_prefix, exactly as the stacks derive them, so this root and the
  # stacks name an environment's resources alike.
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

  # Stack says which state manages a resource: here this root, not one of the build's stacks.
  default_tags {
    tags = var.default_tags_enabled ? merge(var.tags, {
      Project     = "data-platform"
      Environment = var.environment
      Stack       = "root"
      ManagedBy   = "terraform"
    }) : {}
  }
}
