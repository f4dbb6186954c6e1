# The prod environment: a real AWS account. Production settings (the defaults).
environment = "prod"
region      = "eu-west-1"
name_prefix = "dp-prod"
