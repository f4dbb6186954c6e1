# S3 backend of the prod environment; the build adds -backend-config=key=prod/<stack>.tfstate.
# The bucket must exist (the build creates it, versioned, encrypted and private,
# on the first deploy). Bucket names are global: change it to one you own.
bucket       = "dataplatform-terraform-state-prod"
region       = "eu-west-1"
use_lockfile = true
encrypt      = true
