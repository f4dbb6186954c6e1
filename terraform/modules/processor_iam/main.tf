data "aws_partition" "current" {}
data "aws_region" "current" {}
data "aws_caller_identity" "current" {}

locals {
  log_group_arn = "arn:${data.aws_partition.current.partition}:logs:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:log-group:/aws/lambda/${var.function_name}"

  # Object ARNs under the three prefixes the processor writes (canaries/ holds the build's Verify
  # canaries); "/*" here scopes to keys inside one prefix of one bucket, not to everything.
  lake_object_arns = [
    "${var.lake_bucket_arn}/${var.lake_prefix}events/*",
    "${var.lake_bucket_arn}/${var.lake_prefix}canaries/*",
    "${var.lake_bucket_arn}/${var.lake_prefix}quarantine/*",
  ]
}

data "aws_iam_policy_document" "assume_role" {
  statement {
    sid     = "LambdaAssumesRole"
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }

  # A moto workaround, for the local environment only: the emulator runs no Lambda service to
  # assume the role, so the local runner assumes it as one of these principals (moto checks the
  # trust policy on AssumeRole) and processes with exactly the function's permissions. Empty, and
  # so absent, everywhere else.
  dynamic "statement" {
    for_each = length(var.additional_trusted_principal_arns) > 0 ? [var.additional_trusted_principal_arns] : []

    content {
      sid     = "LocalRunnerAssumesRole"
      effect  = "Allow"
      actions = ["sts:AssumeRole"]

      principals {
        type        = "AWS"
        identifiers = statement.value
      }
    }
  }
}

resource "aws_iam_role" "this" {
  name               = var.role_name
  description        = "Execution role of ${var.function_name}: read the ingest queue, write the lake, write its own logs."
  assume_role_policy = data.aws_iam_policy_document.assume_role.json

  tags = var.tags
}

data "aws_iam_policy_document" "processor" {
  # What the event source mapping does with the role: it receives, deletes what the function
  # processed, and reads the queue's attributes. It never changes a message's visibility (a failed
  # message comes back after the queue's visibility timeout), so that action is not granted.
  statement {
    sid = "ConsumeIngestQueue"
    actions = [
      "sqs:ReceiveMessage",
      "sqs:DeleteMessage",
      "sqs:GetQueueAttributes",
    ]
    resources = [var.queue_arn]
  }

  # Each object is one PutObject (files are small, never multipart), so no multipart action.
  statement {
    sid       = "WriteLakeObjects"
    actions   = ["s3:PutObject"]
    resources = local.lake_object_arns
  }

  statement {
    sid = "WriteOwnLogs"
    actions = [
      "logs:CreateLogStream",
      "logs:PutLogEvents",
    ]
    resources = ["${local.log_group_arn}:log-stream:*"]
  }

  # The lake's objects and the queue's messages are encrypted with this key: the
  # function makes a data key to write an object and decrypts to read a message.
  dynamic "statement" {
    for_each = var.kms_key_arn != "" ? [var.kms_key_arn] : []

    content {
      sid = "UseDataKeys"
      actions = [
        "kms:Decrypt",
        "kms:GenerateDataKey",
      ]
      resources = [statement.value]
    }
  }
}

resource "aws_iam_role_policy" "processor" {
  name   = "processor"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.processor.json
}
