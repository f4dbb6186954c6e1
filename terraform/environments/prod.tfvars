# The prod environment: a real AWS account. Production settings (the defaults).
environment = "prod"
region      = "eu-west-1"
name_prefix = "dp-prod"

# Who hears the alarms (docs/alarms.md): an email address, confirmed from the
# email AWS sends after the deploy, or an https:// endpoint that confirms SNS
# subscriptions itself. Unset, the alarms reach the topic and nobody else.
# alarm_notification_endpoint = "oncall@your-company.example"

# The kit's customer-managed KMS key (created in the registry stack, rotated
# yearly) encrypts the lake, both queues, the function's log group and the
# registry. To use a key of your own instead, set existing_kms_key_arn to its
# ARN and remove this line (its key policy must let CloudWatch Logs and
# CloudWatch alarms use it, as modules/encryption_key's does).
create_kms_key = true
