data "aws_partition" "current" {}
data "aws_region" "current" {}
data "aws_caller_identity" "current" {}

locals {
  account_root = "arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root"

  # The log groups' ARNs as CloudWatch Logs names them in the encryption context
  # (without the trailing ":*"), so the service can use the key for these groups only.
  log_group_arns = [
    for name in var.log_group_names :
    "arn:${data.aws_partition.current.partition}:logs:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:log-group:${name}"
  ]
}

data "aws_iam_policy_document" "key" {
  # Without this statement only the key policy could grant access, and a key
  # nobody can administer cannot be fixed or deleted by anyone in the account.
  # With it, IAM policies in the account decide, as for any other resource.
  statement {
    sid       = "AccountAdministersKey"
    effect    = "Allow"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = [local.account_root]
    }
  }

  dynamic "statement" {
    for_each = length(local.log_group_arns) > 0 ? [local.log_group_arns] : []

    content {
      sid    = "CloudWatchLogsEncryptsItsLogGroups"
      effect = "Allow"
      actions = [
        "kms:Encrypt*",
        "kms:Decrypt*",
        "kms:ReEncrypt*",
        "kms:GenerateDataKey*",
        "kms:Describe*",
      ]
      resources = ["*"]

      principals {
        type        = "Service"
        identifiers = ["logs.${data.aws_region.current.name}.amazonaws.com"]
      }

      condition {
        test     = "ArnEquals"
        variable = "kms:EncryptionContext:aws:logs:arn"
        values   = statement.value
      }
    }
  }

  # CloudWatch alarms publish to an SNS topic encrypted with this key; SNS
  # refuses the message unless the publisher may make and read its data keys.
  statement {
    sid    = "CloudWatchAlarmsPublishToEncryptedTopics"
    effect = "Allow"
    actions = [
      "kms:Decrypt",
      "kms:GenerateDataKey*",
    ]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com"]
    }
  }
}

resource "aws_kms_key" "this" {
  description             = var.description
  enable_key_rotation     = true
  rotation_period_in_days = var.rotation_period_in_days
  deletion_window_in_days = var.deletion_window_in_days
  policy                  = data.aws_iam_policy_document.key.json

  tags = var.tags
}

resource "aws_kms_alias" "this" {
  name          = "alias/${var.alias}"
  target_key_id = aws_kms_key.this.key_id
}
