data "aws_partition" "current" {}
data "aws_region" "current" {}
data "aws_caller_identity" "current" {}

locals {
  # The topic's ARN built from its name (SNS's ARN format) rather than read back
  # from the topic, so that every alarm's actions are known at plan time and a
  # reviewer or policy check sees where each alarm goes. The postcondition below
  # holds the two together.
  topic_arn = "arn:${data.aws_partition.current.partition}:sns:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:${var.name}"

  subscription_protocol = startswith(var.notification_endpoint, "https://") ? "https" : "email"
}

resource "aws_sns_topic" "this" {
  name = var.name

  # Only a customer managed key: CloudWatch cannot publish to a topic encrypted
  # with the AWS managed key (alias/aws/sns), whose policy it cannot be added to.
  kms_master_key_id = var.kms_key_arn != "" ? var.kms_key_arn : null

  tags = var.tags

  lifecycle {
    postcondition {
      condition     = self.arn == local.topic_arn
      error_message = "The alarm topic's ARN (${self.arn}) is not the one the alarms were planned with (${local.topic_arn}). The alarms would notify a topic that does not exist; report this as a bug in modules/alerts."
    }
  }
}

# Someone to tell. An email subscription stays "pending confirmation" until its
# owner clicks the link AWS sends; until then nothing is delivered to it.
resource "aws_sns_topic_subscription" "this" {
  count = var.notification_endpoint != "" ? 1 : 0

  topic_arn = aws_sns_topic.this.arn
  protocol  = local.subscription_protocol
  endpoint  = var.notification_endpoint

  # An HTTPS endpoint must answer SNS's SubscriptionConfirmation itself; Terraform
  # waits this long for it before failing the apply.
  confirmation_timeout_in_minutes = local.subscription_protocol == "https" ? 5 : null
  endpoint_auto_confirms          = local.subscription_protocol == "https" ? true : null
}
