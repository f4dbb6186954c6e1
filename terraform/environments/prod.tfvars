# The prod environment: a real AWS account. Production settings (the defaults).
environment = "prod"
region      = "eu-west-1"
name_prefix = "dp-prod"

# The kit's customer-managed KMS key (created in the registry stack, rotated
# yearly) encrypts the lake, both queues, the function's log group and the
# registry. To use a key of your own instead, set existing_kms_key_arn to its
# ARN and remove this line (its key policy must let CloudWatch Logs use it).
create_kms_key = true
