# A deliberately broken platform: every resource here violates at least one of the
# policies in Policies/PlatformPolicies.cs, so that each policy test is shown to fail
# on a real plan and none can pass vacuously. Planned against moto, never applied.

terraform {
  required_version = ">= 1.11"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
    }
  }
}

variable "aws_endpoint_url" {
  description = "Endpoint of the emulator the fixture is planned against."
  type        = string
}

provider "aws" {
  region                      = "us-east-1"
  s3_use_path_style           = true
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true

  endpoints {
    cloudwatch = var.aws_endpoint_url
    ecr        = var.aws_endpoint_url
    iam        = var.aws_endpoint_url
    kms        = var.aws_endpoint_url
    lambda     = var.aws_endpoint_url
    logs       = var.aws_endpoint_url
    s3         = var.aws_endpoint_url
    sqs        = var.aws_endpoint_url
    sts        = var.aws_endpoint_url
  }
}

# IamWithoutWildcards: a wildcard action on every resource.
resource "aws_iam_role" "broken" {
  name = "broken-processor-role"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy" "broken" {
  name = "everything"
  role = aws_iam_role.broken.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "Everything", Effect = "Allow", Action = "s3:*", Resource = "*" },
      # KmsGrantsOnlyTheStoresKey: a key no store of this platform is encrypted with.
      { Sid = "SomeoneElsesKey", Effect = "Allow", Action = "kms:Decrypt", Resource = "arn:aws:kms:us-east-1:123456789012:key/someone-elses" },
    ]
  })
}

# BucketsLockedDown: a bucket with one public access block flag off, no encryption
# configuration, versioning suspended and no TLS-only policy.
resource "aws_s3_bucket" "broken" {
  bucket = "broken-lake"
}

resource "aws_s3_bucket_public_access_block" "broken" {
  bucket = aws_s3_bucket.broken.id

  block_public_acls       = true
  block_public_policy     = false
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "broken" {
  bucket = aws_s3_bucket.broken.id

  versioning_configuration {
    status = "Suspended"
  }
}

# QueuesEncrypted and DeadLetterQueuesWired: an unencrypted queue with no redrive policy.
resource "aws_sqs_queue" "unencrypted" {
  name                    = "broken-unencrypted"
  sqs_managed_sse_enabled = false
}

# DeadLetterQueuesWired: messages parked after a single failure.
resource "aws_sqs_queue" "dead_letter" {
  name                    = "broken-ingest-dlq"
  sqs_managed_sse_enabled = true
}

# VisibilityCoversFunctionTimeout: 30 s visibility for a 60 s function.
resource "aws_sqs_queue" "ingest" {
  name                       = "broken-ingest"
  visibility_timeout_seconds = 30
  sqs_managed_sse_enabled    = true
}

resource "aws_sqs_queue_redrive_policy" "ingest" {
  queue_url = aws_sqs_queue.ingest.id
  redrive_policy = jsonencode({
    deadLetterTargetArn = "arn:aws:sqs:us-east-1:123456789012:broken-ingest-dlq"
    maxReceiveCount     = 1
  })
}

# RepositoriesImmutableAndScanned: mutable tags, no scan on push.
resource "aws_ecr_repository" "broken" {
  name                 = "broken-processor"
  image_tag_mutability = "MUTABLE"

  image_scanning_configuration {
    scan_on_push = false
  }
}

# LogRetentionSet: a log group kept forever, and a function with no managed log group.
# StoresUseOneCustomerManagedKey: a key other than the one the queue below uses.
resource "aws_cloudwatch_log_group" "forever" {
  name              = "/aws/lambda/broken-other"
  retention_in_days = 0
  kms_key_id        = "arn:aws:kms:us-east-1:123456789012:key/logs-key"
}

# StoresUseOneCustomerManagedKey: a second key for one environment.
resource "aws_sqs_queue" "other_key" {
  name              = "broken-other-key"
  kms_master_key_id = "arn:aws:kms:us-east-1:123456789012:key/queue-key"
}

# KeysRotated: key material that never rotates.
resource "aws_kms_key" "unrotated" {
  description         = "broken: never rotated"
  enable_key_rotation = false
}

# FunctionImagesByDigest: an image by a movable tag.
resource "aws_lambda_function" "broken" {
  function_name = "broken-processor"
  role          = aws_iam_role.broken.arn
  package_type  = "Image"
  image_uri     = "123456789012.dkr.ecr.us-east-1.amazonaws.com/broken-processor:latest"
  timeout       = 60
}

resource "aws_lambda_event_source_mapping" "broken" {
  event_source_arn = aws_sqs_queue.ingest.arn
  function_name    = aws_lambda_function.broken.arn
  enabled          = false
}

# AlarmsNotifyTheTopic: an alarm that tells nobody, and one that tells a topic the
# environment does not create.
resource "aws_cloudwatch_metric_alarm" "silent" {
  alarm_name          = "broken-silent"
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
}

resource "aws_cloudwatch_metric_alarm" "elsewhere" {
  alarm_name          = "broken-elsewhere"
  namespace           = "AWS/Lambda"
  metric_name         = "Throttles"
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  alarm_actions       = ["arn:aws:sns:us-east-1:123456789012:someone-elses-topic"]
  ok_actions          = ["arn:aws:sns:us-east-1:123456789012:someone-elses-topic"]
}
