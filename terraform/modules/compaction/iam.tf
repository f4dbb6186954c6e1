locals {
  # Built from names, not read from the function, so that the plan knows it: a policy or a
  # schedule target known only after apply cannot be checked before it.
  function_arn = "arn:${data.aws_partition.current.partition}:lambda:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:function:${var.function_name}"

  log_group_arn = "arn:${data.aws_partition.current.partition}:logs:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:log-group:${local.log_group_name}"

  raw_prefix       = "${var.lake_prefix}events/"
  compacted_prefix = "${var.lake_prefix}compacted/"
}

data "aws_iam_policy_document" "lambda_assumes" {
  statement {
    sid     = "LambdaAssumesRole"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "function" {
  name               = "${var.function_name}-role"
  description        = "Execution role of ${var.function_name}: read raw and compacted events, write compacted ones, delete raw files once compacted, write its own logs."
  assume_role_policy = data.aws_iam_policy_document.lambda_assumes.json

  tags = var.tags
}

# Prefixes, not the bucket: canaries/, quarantine/ and operations/ are never read, written or
# deleted by compaction.
data "aws_iam_policy_document" "function" {
  statement {
    sid       = "ListRawAndCompacted"
    actions   = ["s3:ListBucket"]
    resources = [local.lake_bucket_arn]

    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = ["${local.raw_prefix}*", "${local.compacted_prefix}*"]
    }
  }

  statement {
    sid       = "ReadRawAndCompacted"
    actions   = ["s3:GetObject"]
    resources = ["${local.lake_bucket_arn}/${local.raw_prefix}*", "${local.lake_bucket_arn}/${local.compacted_prefix}*"]
  }

  statement {
    sid       = "WriteCompacted"
    actions   = ["s3:PutObject", "s3:AbortMultipartUpload"]
    resources = ["${local.lake_bucket_arn}/${local.compacted_prefix}*"]
  }

  # Raw files are deleted only once listed in an inputs list below the watermark and older than
  # the raw retention (the engine's rule; this is its outer bound).
  statement {
    sid       = "DeleteCompactedRawFiles"
    actions   = ["s3:DeleteObject"]
    resources = ["${local.lake_bucket_arn}/${local.raw_prefix}*"]
  }

  # A rerun of an hour at or after the watermark may write fewer parts than a crashed run left;
  # the extra parts are deleted. Never the watermark or the inputs lists (compacted/_*/).
  statement {
    sid       = "DeleteStaleCompactedParts"
    actions   = ["s3:DeleteObject"]
    resources = ["${local.lake_bucket_arn}/${local.compacted_prefix}events/*"]
  }

  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${local.log_group_arn}:log-stream:*"]
  }

  dynamic "statement" {
    for_each = var.kms_key_arn != "" ? [var.kms_key_arn] : []

    content {
      sid       = "UseDataKeys"
      actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
      resources = [statement.value]
    }
  }
}

resource "aws_iam_role_policy" "function" {
  name   = "compaction"
  role   = aws_iam_role.function.id
  policy = data.aws_iam_policy_document.function.json
}

data "aws_iam_policy_document" "scheduler_assumes" {
  statement {
    sid     = "SchedulerAssumesRole"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["scheduler.amazonaws.com"]
    }

    # Only schedules of this account (the confused-deputy guard AWS documents for Scheduler).
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_iam_role" "schedule" {
  name               = "${var.function_name}-schedule"
  description        = "Lets the EventBridge Scheduler schedule of ${var.function_name} invoke that function and nothing else."
  assume_role_policy = data.aws_iam_policy_document.scheduler_assumes.json

  tags = var.tags
}

data "aws_iam_policy_document" "schedule" {
  statement {
    sid       = "InvokeCompaction"
    actions   = ["lambda:InvokeFunction"]
    resources = [local.function_arn, "${local.function_arn}:*"]
  }
}

resource "aws_iam_role_policy" "schedule" {
  name   = "invoke-compaction"
  role   = aws_iam_role.schedule.id
  policy = data.aws_iam_policy_document.schedule.json
}
