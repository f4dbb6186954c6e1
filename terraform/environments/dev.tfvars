# The dev environment: a real AWS account. Production settings (the defaults).
environment = "dev"
region      = "eu-west-1"
name_prefix = "dp-dev"

# Who hears the alarms (docs/alarms.md): an email address, confirmed from the
# email AWS sends after the deploy, or an https:// endpoint that confirms SNS
# subscriptions itself. Unset, the alarms reach the topic and nobody else.
# alarm_notification_endpoint = "oncall@your-company.example"

# dev stays on AWS-managed keys (SSE-S3, SQS-managed SSE, ECR's AES256): no KMS
# request charges. For the kit's own key, as prod has it: create_kms_key = true
# (the repository is then replaced: apply it while dev has no image you need).
