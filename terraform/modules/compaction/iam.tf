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

  # The Athena path (hours too big for one function): its INSERT reads events and writes
  # compacted_events through the catalog, under this role's S3 grants above.
  dynamic "statement" {
    for_each = var.athena_workgroup != "" ? [var.athena_workgroup] : []

    content {
      sid       = "RunHourRewriteInAthena"
      actions   = ["athena:StartQueryExecution", "athena:GetQueryExecution"]
      resources = ["arn:${data.aws_partition.current.partition}:athena:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:workgroup/${statement.value}"]
    }
  }

  dynamic "statement" {
    for_each = var.athena_workgroup != "" && var.catalog_database_name != "" ? [var.catalog_database_name] : []

    content {
      sid     = "ReadAndExtendTheCatalogForAthena"
      actions = ["glue:GetDatabase", "glue:GetTable", "glue:GetPartitions", "glue:BatchCreatePartition"]
      resources = [
        "arn:${data.aws_partition.current.partition}:glue:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:catalog",
        "arn:${data.aws_partition.current.partition}:glue:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:database/${statement.value}",
        "arn:${data.aws_partition.current.partition}:glue:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:table/${statement.value}/events",
        "arn:${data.aws_partition.current.partition}:glue:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:table/${statement.value}/compacted_events",
      ]
    }
  }

  dynamic "statement" {
    for_each = var.athena_workgroup != "" ? [1] : []

    content {
      sid       = "AthenaWritesCompactedParts"
      actions   = ["s3:GetBucketLocation", "s3:ListMultipartUploadParts"]
      resources = [local.lake_bucket_arn, "${local.lake_bucket_arn}/${local.compacted_prefix}events/*"]
    }
  }

  dynamic "statement" {
    for_each = var.athena_workgroup != "" && var.athena_output_location != "" ? [trimsuffix(trimprefix(var.athena_output_location, "s3://"), "/")] : []

    content {
      sid       = "AthenaQueryResults"
      actions   = ["s3:GetObject", "s3:PutObject", "s3:ListBucket", "s3:GetBucketLocation"]
      resources = ["arn:${data.aws_partition.current.partition}:s3:::${split("/", statement.value)[0]}", "arn:${data.aws_partition.current.partition}:s3:::${statement.value}/*"]
    }
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
