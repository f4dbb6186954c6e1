# The dev environment: a real AWS account. Production settings (the defaults).
environment = "dev"
region      = "eu-west-1"
name_prefix = "dp-dev"
